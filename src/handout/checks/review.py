"""Review rules: how old the clinical review is, and whether a clinician approved the text at all."""

from __future__ import annotations

import calendar
import datetime
from typing import Iterator

from ..errors import ERROR, INFO, WARNING, Issue
from ..model import Handout
from .context import CheckContext


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the month's last day (Feb 29 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def review_date(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """Older than review_warn_months warns, older than review_error_months errs; exactly on the day is still fine."""
    reviewed = handout.review.date
    where = handout.review.date_location or handout.location
    config = ctx.config
    if reviewed > ctx.today:
        yield Issue(ERROR, where, "review-future", f"review.date: {reviewed} is after today ({ctx.today}): a review cannot be in the future")
    elif ctx.today > add_months(reviewed, config.review_error_months):
        yield Issue(ERROR, where, "review-expired", f"review.date: {reviewed} is more than {config.review_error_months} months ago: have a clinician review the handout again")
    elif ctx.today > add_months(reviewed, config.review_warn_months):
        yield Issue(WARNING, where, "review-due", f"review.date: {reviewed} is more than {config.review_warn_months} months ago: a review is due")


def review_status(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """A draft or sample is not clinical advice yet: a warning, so --strict refuses it, unless the
    run says unreviewed text is expected (--allow-unreviewed), which keeps it visible as information."""
    if handout.review.approved:
        return
    level = INFO if ctx.allow_unreviewed else WARNING
    where = handout.review.status_location or handout.location
    yield Issue(level, where, "not-reviewed", f"review.status: not yet reviewed by a clinician (status: {handout.review.status})")
