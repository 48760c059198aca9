"""Take the clinic's logo file or a handout's URL; give the flowables of the end block: the logo
at a fixed height, a QR code that scans back to the URL, and a row that sets either beside its text.

The press profile needs the logo in CMYK (ReportLab never converts images)
and a QR code drawn in the palette's ink, so both take the colour space from
the styles rather than deciding it here.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import Flowable, Image, Table, TableStyle

LOGO_HEIGHT = 40.0  # points; the width follows the image's own proportions


def logo(path: Path, height: float, max_width: float, cmyk: bool) -> Image:
    """The logo scaled to `height` points (less when it would be wider than max_width), never distorted."""
    with PILImage.open(path) as source:
        source.load()
        image = source.convert("CMYK" if cmyk else "RGB")
    # A buffer of the converted pixels: ReportLab writes CMYK pixels as they are, without the
    # inverted-JPEG guess it applies to CMYK JPEG files.
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF" if cmyk else "PNG")
    buffer.seek(0)
    ratio = image.width / image.height
    height = min(height, max_width / ratio)
    return Image(buffer, width=height * ratio, height=height, hAlign="LEFT")


def qr_code(url: str, size: float, font: str, ink: colors.Color) -> Drawing:
    """A QR code `size` points square; the drawing names a bundled font so no base-14 font is declared."""
    widget = QrCodeWidget(url, barLevel="M", barFillColor=ink, barStrokeColor=ink)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0], initialFontName=font)
    drawing.add(widget)
    return drawing


def beside(left: Flowable, right: list[Flowable], left_width: float, font: str, gap: float = 12) -> Table:
    """`left` (a logo or a QR code) with `right` beside it, top-aligned, as wide as the frame or column and without lines."""
    table = Table([[left, right]], colWidths=[left_width + gap, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), font),
            ]
        )
    )
    return table
