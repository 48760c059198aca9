"""Show a CheckReport: as text for an author (grouped by handout, one summary line per
handout and language, the sentences to fix first) or as JSON for scripts (schema in the README)."""

from __future__ import annotations

import json
from typing import Iterator

from ..errors import ERROR, WARNING, Issue
from . import CheckReport, HandoutResult
from .readability import Scores

SCHEMA_VERSION = 1
_SCORE_NAMES = {
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "smog": "SMOG",
    "fernandez_huerta": "Fernández-Huerta",
    "szigriszt_pazos": "Szigriszt-Pazos (INFLESZ)",
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _tally(issues: tuple[Issue, ...]) -> str:
    errors = sum(1 for i in issues if i.level == ERROR)
    warnings = sum(1 for i in issues if i.level == WARNING)
    return "ok" if not errors and not warnings else f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _quote(text: str, limit: int = 90) -> str:
    return f'"{text if len(text) <= limit else text[: limit - 3] + "..."}"'


def _scores_line(scores: Scores) -> str:
    values = ", ".join(f"{_SCORE_NAMES[name]} {value:.1f}" for name, value in scores.scores.items())
    return f"{_plural(scores.words, 'word')}, {_plural(scores.sentences, 'sentence')}, {values}"


def _handout_lines(result: HandoutResult) -> Iterator[str]:
    yield result.id
    for issue in result.issues.get(None, ()):
        yield f"  {issue}"
    for locale, issues in result.issues.items():
        if locale is None:
            continue
        scores = result.scores.get(locale)
        measured = _scores_line(scores) if scores else "readability not measured"
        yield f"  {locale}: {measured}: {_tally(issues + result.issues.get(None, ()))}"
        for issue in issues:
            yield f"    {issue}"
        if scores:
            judge = next(iter(scores.scores))
            for sentence, value in scores.hardest:
                yield f"    hardest: {sentence.location}: {_SCORE_NAMES[judge]} {value:.1f}, {_plural(sentence.words, 'word')}: {_quote(sentence.text)}"


def format_text(report: CheckReport) -> str:
    lines = [line for result in report.handouts for line in _handout_lines(result)]
    lines += [str(issue) for issue in report.project_issues]
    counts = report.counts()
    verdict = "passed" if report.exit_code == 0 else "failed"
    strict = " (--strict: warnings count as errors)" if report.strict else ""
    lines.append(
        f"check {verdict}{strict}: {_plural(len(report.handouts), 'handout')} in {', '.join(report.locales)}: "
        f"{_plural(counts[ERROR], 'error')}, {_plural(counts[WARNING], 'warning')}, {counts['info']} info"
    )
    return "\n".join(lines)


def _issue(issue: Issue, locale: str | None) -> dict:
    return {"level": issue.level, "locale": locale, "location": str(issue.location), "code": issue.code, "message": issue.message}


def _scores(scores: Scores | None) -> dict | None:
    if scores is None:
        return None
    return {
        "words": scores.words,
        "sentences": scores.sentences,
        "syllables": scores.syllables,
        "polysyllables": scores.polysyllables,
        "scores": {name: round(value, 2) for name, value in scores.scores.items()},
        "hardest": [
            {"location": str(s.location), "text": s.text, "words": s.words, "syllables": s.syllables, "score": round(value, 2)}
            for s, value in scores.hardest
        ],
    }


def to_json(report: CheckReport) -> str:
    data = {
        "schema": SCHEMA_VERSION,
        "today": report.today.isoformat(),
        "strict": report.strict,
        "locales": list(report.locales),
        "exit_code": report.exit_code,
        "counts": report.counts(),
        "handouts": [
            {
                "id": result.id,
                "file": result.file,
                "readability": {locale: _scores(result.scores.get(locale)) for locale in report.locales},
                "issues": [_issue(i, locale) for locale, found in result.issues.items() for i in found],
            }
            for result in report.handouts
        ],
        "project_issues": [_issue(i, None) for i in report.project_issues],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
