"""Packets: several handouts printed as one PDF per locale, composed from their own layouts.

Takes PacketOptions (a `[packets.NAME]` of handout.toml, or ad-hoc ids and a
file); gives a PacketReport. A packet opens with a cover listing each handout
with its first page number; pages are numbered through the whole packet; the
outline holds each handout with its sections beneath it; each handout keeps its
own title, running head, review line and disclaimer. Packets are incremental:
their own manifest in the output folder keys each PDF by its members' job keys,
so a packet is rebuilt exactly when one of its handouts would be.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from .build import BuildOptions, job_keys, plan, write_failure
from .config import load_config
from .errors import EXIT_FAILED, HandoutError, Problem, ProjectError
from .files import write_atomically
from .jobs import Job, lay_out
from .lock import output_lock
from .manifest import Entry, environment, fingerprint, read_manifest, up_to_date, write_manifest
from .model import Location

PACKET_MANIFEST = ".handout-packets.json"


@dataclass(frozen=True)
class PacketOptions:
    project: Path = Path(".")
    name: str | None = None  # a [packets.NAME] of handout.toml: written to <out>/<lang>/packets/NAME.pdf
    handout_ids: tuple[str, ...] = ()  # an ad-hoc packet of these handouts, written to `file`
    file: Path | None = None  # ad-hoc only; with several locales, FILE-<lang>.pdf beside it
    title: str | None = None  # ad-hoc only; default: the handouts' titles
    out: Path | None = None  # named packets: default <project>/dist
    locales: tuple[str, ...] = ()
    page_size: str | None = None
    allow_fallback: bool = False
    force: bool = False


@dataclass(frozen=True)
class PacketResult:
    locale: str
    output: Path | None
    problems: tuple[Problem, ...] = ()
    up_to_date: bool = False

    @property
    def ok(self) -> bool:
        return self.output is not None


@dataclass(frozen=True)
class PacketReport:
    results: tuple[PacketResult, ...]
    seconds: float

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if any(not r.ok for r in self.results) else 0


def build_packet(options: PacketOptions) -> PacketReport:
    started = time.perf_counter()
    root = options.project.resolve()
    ids, title = _members(options, root)
    folder = (options.file.parent if options.file is not None else options.out or root / "dist").resolve()
    build_options = BuildOptions(
        project=root, out=folder, handout_ids=ids, locales=options.locales, page_size=options.page_size,
        allow_fallback=options.allow_fallback, editions=("standard",),  # a packet gathers standard handouts
    )
    planned = plan(build_options)
    keys = job_keys(planned, build_options)
    locales = tuple(dict.fromkeys(job.locale for job in planned.jobs))
    broken = tuple(p for result, _ in planned.failed for p in result.problems)
    results = []
    with output_lock(folder):
        entries = read_manifest(folder, PACKET_MANIFEST)
        try:
            for locale in locales:
                output = _output(options, folder, locale, len(locales))
                name = output.relative_to(folder).as_posix()
                jobs = [job for job in planned.jobs if job.locale == locale]
                key = fingerprint(environment(), title, [keys[job.output] for job in jobs])
                if broken:
                    results.append(PacketResult(locale, None, broken))
                elif not options.force and up_to_date(folder, name, key, entries):
                    results.append(PacketResult(locale, output, up_to_date=True))
                else:
                    results.append(_make(jobs, title, output, name, key, entries))
        finally:
            write_manifest(folder, entries, PACKET_MANIFEST)
    return PacketReport(tuple(results), time.perf_counter() - started)


def _members(options: PacketOptions, root: Path) -> tuple[tuple[str, ...], str | None]:
    """The handout ids and the title (None: made from the handouts' titles); unknown ids are located."""
    if options.name is None:
        return tuple(dict.fromkeys(options.handout_ids)), options.title
    config = load_config(root)
    packet = config.packets.get(options.name)
    if packet is None:
        known = ", ".join(sorted(config.packets)) or "none"
        raise ProjectError(f"handout.toml: no [packets.{options.name}] table (packets defined: {known})")
    missing = [i for i in packet.handouts if not (root / "content" / f"{i}.yaml").is_file()]
    if missing:
        raise ProjectError([Problem(packet.location, f"packets.{packet.name}.handouts", f"no handout '{i}' in content/") for i in missing])
    return tuple(dict.fromkeys(packet.handouts)), packet.title.value


def _output(options: PacketOptions, folder: Path, locale: str, count: int) -> Path:
    if options.file is None:
        return folder / locale / "packets" / f"{options.name}.pdf"
    file = folder / options.file.name
    return file if count == 1 else file.with_name(f"{file.stem}-{locale}{file.suffix}")


def _make(jobs: list[Job], title: str | None, output: Path, name: str, key: str, entries: dict[str, Entry]) -> PacketResult:
    from .render import render_packet

    locale = jobs[0].locale
    try:
        laid = [lay_out(job) for job in jobs]
    except HandoutError as error:
        entries.pop(name, None)
        output.unlink(missing_ok=True)
        return PacketResult(locale, None, error.problems or (Problem(Location(str(output)), "", error.text),))
    infos = [part.layout.info for part in laid]
    heading = title or " \u00b7 ".join(info.title for info in infos)
    info = dataclasses.replace(infos[0], title=heading, subject=heading, keywords=(), date=max(i.date for i in infos))
    styles, fonts = laid[0].styles, laid[0].fonts

    def story(starts: list[int] | None) -> list:
        from reportlab.platypus import PageBreak

        from .render import PartStart

        # Each pass lays the handouts out afresh: ReportLab consumes a story as it builds it.
        parts = laid if starts is None else [lay_out(job) for job in jobs]
        flowables = _cover(heading, infos, starts, styles, fonts)
        for number, part in enumerate(parts):
            flowables += [PageBreak(), PartStart(number, part.layout.info.title), *part.layout.story]
        return flowables

    pdf = render_packet(story, (info, *infos), styles, fonts)
    try:
        write_atomically(output, pdf)
    except OSError as error:
        return PacketResult(locale, None, (Problem(Location(str(output)), "", f"cannot write the PDF: {write_failure(output, error)}"),))
    entries[name] = Entry(key, len(pdf), f"packet {output.stem} [{locale}]")
    return PacketResult(locale, output)


def _cover(title: str, infos, starts: list[int] | None, styles, fonts) -> list:
    """The packet's title, then one line per handout: its title and its first page (0 until known)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    from . import marks

    def para(text: str, style) -> Paragraph:
        return Paragraph(marks.to_markup((marks.Span(text),), fonts, styles.palette.link_markup(), bold=style.fontName == fonts.main.bold), style)

    number_style = ParagraphStyle("contents_page", parent=styles.body, alignment=TA_RIGHT)
    rows = [[para(info.title, styles.body), para(str(starts[i] if starts else 0), number_style)] for i, info in enumerate(infos)]
    table = Table(rows, colWidths=[styles.frame_width - 60, 60], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.main.regular), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [para(title, styles.title), table]
