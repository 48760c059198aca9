"""What every rule may look at besides the handout: the day, the thresholds, the project.

A frozen value built once per run, so rules stay pure functions of their arguments.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..catalogs import CatalogLayout
from ..locales import SOURCE_LOCALE
from ..config import CheckConfig
from ..model import Project


@dataclass(frozen=True)
class CheckContext:
    today: datetime.date
    config: CheckConfig
    project: Project
    layout: CatalogLayout
    allow_unreviewed: bool = False
    locale: str = SOURCE_LOCALE  # the language a per-locale rule looks at
