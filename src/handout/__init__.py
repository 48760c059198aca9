"""handout: structured health content plus gettext translations in, print-ready patient handout PDFs out."""

__version__ = "0.1.0"
