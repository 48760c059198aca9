"""`handout new ID`: write a valid content file that shows an author every part of the format."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .errors import ContentError, ProjectError
from .load import id_problem, parse_handout
from .marks import ESCAPABLE

TEMPLATE = """\
# A handout for patients. Every key is described in docs/format.md of the handout
# project; "Writing a handout" in its README is the overview.
# Write at about a 6th-grade level: short sentences, common words, "you".
# Optional parts can be deleted; keep the required ones (id, title, summary,
# sections, review).
id: {id}
title: {title}
summary: >-
  Say in one to three short sentences what this handout is about and who it is for.
also_called:
  - Another name patients may know
# 3 to 5 short points a reader must remember, boxed right under the summary.
key_points:
  - The most important thing to know
  - The most important thing to do
  - When to get help
# Warning signs in up to three levels, printed in this order right after the key
# points. Keep only the levels you need.
when_to_call:
  call_911:
    - A sign that needs an ambulance, such as trouble breathing
  call_now:
    - A sign that needs a call to the provider now or a trip to the hospital
  call_within_a_day:
    - A sign that can wait for a call within a day
sections:
  - heading: What is it?
    blocks:
      - Explain the condition in plain words. Use **bold** for a key action.
      - bullets:
          - A point that stands on its own
          - Another point
      - terms:
          - term: A medical word
            text: What it means, in plain words.
  - heading: What should I do?
    blocks:
      - steps:
          - The first thing to do
          - The next thing to do
      - callout:
          kind: important
          title: A short title for the box
          text: Something the reader must not miss.
      - blanks:
          - label: A number the nurse writes in for this patient
            after: mg/dL
          # A blank can print a value set in handout.toml, e.g. [values] labor_phone = "555-0142":
          # - label: Labor and delivery unit phone
          #   value: labor_phone
questions:
  - A question the reader may want to ask at the next visit
# Other handouts of this project, by id:
# related:
#   - another-handout-id
references:
  - "Author A, Author B. Title of the guideline. Journal. Year;Volume(Issue):pages."
source:
  publisher: Your clinic or organization
  # url: https://example.org/handouts/{id}
review:
  # draft until a clinician approves it; then: status: approved, with their names in by.
  status: draft
  date: {date}
  by:
    - Writer name, credentials
"""


def new_handout(root: Path, handout_id: str, title: str | None, today: datetime.date) -> Path:
    """Write content/ID.yaml, checked by the loader first: `new` never creates a file that does not build."""
    if id_problem(handout_id):
        raise ProjectError(id_problem(handout_id))
    path = root / "content" / f"{handout_id}.yaml"
    if path.parent.exists() and not path.parent.is_dir():
        raise ProjectError(f"{path.parent}: not a folder: handouts are written into a content/ folder; move the file away")
    if path.exists():
        raise ProjectError(f"{path}: already exists; choose another id or edit that file")
    heading = title if title and title.strip() else handout_id.replace("-", " ").capitalize()
    text = TEMPLATE.format(id=handout_id, title=_yaml_text(heading), date=today.isoformat())
    try:
        parse_handout(text.encode("utf-8"), path.name, handout_id, {})
    except ContentError as error:  # a title the fonts cannot print too: the build would refuse it
        raise ProjectError("\n".join(f"--title: {p.message}" for p in error.problems)) from None
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
