"""`handout new ID`: write a valid content file that shows an author every part of the format."""

from __future__ import annotations

import datetime
from pathlib import Path

from .errors import ProjectError
from .load import ID_PATTERN, MAX_ID_LENGTH

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
    if not ID_PATTERN.fullmatch(handout_id) or len(handout_id) > MAX_ID_LENGTH:
        raise ProjectError(f"'{handout_id}' is not a valid id: use lowercase letters, digits and single hyphens, at most {MAX_ID_LENGTH} characters")
    path = root / "content" / f"{handout_id}.yaml"
    if path.exists():
        raise ProjectError(f"{path}: already exists; choose another id or edit that file")
    heading = title or handout_id.replace("-", " ").capitalize()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(id=handout_id, title=_yaml_text(heading), date=today.isoformat()), encoding="utf-8")
    return path


def _yaml_text(value: str) -> str:
    """Quote a title so any character the author typed stays text in YAML."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
