"""`handout new ID`: write a valid content file that shows an author every part of the format."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .errors import ContentError, ProjectError
from .load import id_problem, parse_handout
from .marks import ESCAPABLE
from .model import Location, Text

TEMPLATE = """\
# A handout for patients. Format: see "Writing a handout" in the handout README.
# Write at about a 6th-grade level: short sentences, common words, "you".
id: {id}
title: {title}
summary: >-
  Say in one to three short sentences what this handout is about and who it is for.
also_called:
  - Another name patients may know
sections:
  - heading: What is it?
    blocks:
      - Explain the condition in plain words. Use **bold** for a key action.
      - bullets:
          - A point that stands on its own
          - Another point
  - heading: What should I do?
    blocks:
      - steps:
          - The first thing to do
          - The next thing to do
      - callout:
          kind: urgent
          title: Call 911 if you have
          text: The warning signs that need help right away.
references:
  - "Author A, Author B. Title of the guideline. Journal. Year;Volume(Issue):pages."
review:
  date: {date}
  by:
    - Reviewer name, credentials
"""


def new_handout(root: Path, handout_id: str, title: str | None, today: datetime.date) -> Path:
    """Write content/ID.yaml, checked by the loader first: `new` never creates a file that does not build."""
    if id_problem(handout_id):
        raise ProjectError(id_problem(handout_id))
    path = root / "content" / f"{handout_id}.yaml"
    if path.exists():
        raise ProjectError(f"{path}: already exists; choose another id or edit that file")
    heading = title if title and title.strip() else handout_id.replace("-", " ").capitalize()
    text = TEMPLATE.format(id=handout_id, title=_yaml_text(heading), date=today.isoformat())
    try:
        handout = parse_handout(text.encode("utf-8"), path.name, handout_id, {})
    except ContentError as error:
        raise ProjectError("\n".join(f"--title: {p.message}" for p in error.problems)) from None
    # The build refuses characters the fonts cannot draw, so `new` refuses them first.
    from .fonts import glyph_problems, load_fonts  # loads ReportLab: only once the title is valid

    problems = glyph_problems([Text(handout.title.value, Location("--title"))], load_fonts())
    if problems:
        raise ProjectError(problems)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ProjectError(f"{path}: cannot write the file: {error.strerror}") from None
    return path


def _yaml_text(value: str) -> str:
    """Quote a title so that YAML keeps it as text and the mark characters print as typed."""
    marked = "".join("\\" + ch if ch in ESCAPABLE else ch for ch in value)
    return json.dumps(marked, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
