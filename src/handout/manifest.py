"""The manifest of an output folder: which files a build wrote there, and from what.

`<out>/.handout-manifest.json` maps each written file (by its path relative to
the folder) to the key of everything it was made from. A job whose key is
unchanged and whose file is still there, with the size written, is up to date
and is not rendered again. The manifest is written atomically after the files,
and only names files on disk, so it never claims a PDF that is not there; it is
also the only authority for deleting outputs: a build removes what an earlier
build wrote and no longer needs, never a file it did not write.

A key is a SHA-256 over a canonical form of plain values (frozen dataclasses,
tuples, dicts, paths, dates) plus the digests of the files a job reads. Whole
objects are hashed rather than chosen fields, so a field added later (an
edition, a print profile, a config table) is part of every key at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePath

from . import __version__
from .files import write_atomically

MANIFEST_NAME = ".handout-manifest.json"
FORMAT = 1
# The distributions whose code or data can change a PDF's bytes: fonts come from packages.
_DISTRIBUTIONS = ("reportlab", "babel", "fontpkg-atkinson-hyperlegible", "fontpkg-fira-sans")


@dataclass(frozen=True)
class Entry:
    key: str
    size: int  # bytes written: a file replaced or truncated by hand is rebuilt
    source: str  # what it was made from, e.g. "preterm-labor [es]", shown when it is removed


def canonical(value) -> object:
    """A JSON-able, order-stable form of a value, for hashing.

    Sets are sorted (their iteration order changes between runs), dataclasses
    become their type name and every field, dicts keep key order irrelevant.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, dict):
        return sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=json.dumps)
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=json.dumps)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, (datetime.date, enum.Enum)):
        return repr(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot hash a {type(value).__name__} into a manifest key")


def fingerprint(*values) -> str:
    text = json.dumps([canonical(v) for v in values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def environment() -> dict[str, str]:
    """The versions that can change the bytes of a PDF: handout's own, ReportLab's, the fonts'."""
    from importlib import metadata  # here, not at the top: `handout --help` does not need it

    versions = {"handout": __version__, "format": str(FORMAT)}
    for name in _DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


class Digests:
    """SHA-256 of files, each read once per build (many jobs share a catalog)."""

    def __init__(self) -> None:
        self._known: dict[Path | None, str] = {}

    def of(self, path: Path | None) -> str:
        if path not in self._known:
            self._known[path] = self._read(path)
        return self._known[path]

    @staticmethod
    def _read(path: Path | None) -> str:
        if path is None:
            return "none"
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except FileNotFoundError:
            return "absent"
        except OSError as error:  # unreadable: never up to date; the job itself will say why
            return f"unreadable {error.errno}"


@dataclass(frozen=True)
class Snapshot:
    """A whole build that changed nothing and failed nothing: the key of every source file and
    option it saw, and its jobs as (output name, handout id, locale). When the next build sees
    the same key and every output is intact, it has nothing to do and need not load the project."""

    key: str
    jobs: tuple[tuple[str, str, str], ...]


def tree_key(files, *values) -> str:
    """A key of the given files' paths and bytes (sorted), plus values."""
    digests = Digests()
    return fingerprint([(path.as_posix(), digests.of(path)) for path in sorted(files)], *values)


def read_snapshot(out: Path) -> Snapshot | None:
    try:
        data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["snapshot"]
        return Snapshot(str(data["key"]), tuple((str(n), str(i), str(lang)) for n, i, lang in data["jobs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def manifest_problem(out: Path, name: str = MANIFEST_NAME) -> str | None:
    """Why a manifest that is there cannot be used, or None: read_manifest quietly treats it as
    empty, which rebuilds everything, and the user should know why."""
    path = out / name
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return f"cannot be read ({error})"
    if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("outputs"), dict):
        return None
    return "is not a manifest this version of handout wrote"


def read_manifest(out: Path, name: str = MANIFEST_NAME) -> dict[str, Entry]:
    """The entries of the manifest in `out`; an unreadable or foreign one counts as empty
    (everything is rebuilt, and nothing it names is deleted)."""
    try:
        data = json.loads((out / name).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {
            name: Entry(str(item["key"]), int(item["size"]), str(item["source"]))
            for name, item in data["outputs"].items()
            if isinstance(name, str) and not PurePath(name).is_absolute() and ".." not in PurePath(name).parts
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_manifest(out: Path, entries: dict[str, Entry], name: str = MANIFEST_NAME, snapshot: Snapshot | None = None) -> None:
    """Write the manifest atomically, naming only files that are on disk."""
    present = {output: entry for output, entry in sorted(entries.items()) if (out / output).is_file()}
    data = {"format": FORMAT, "generator": f"handout {__version__}", "outputs": {n: dataclasses.asdict(e) for n, e in present.items()}}
    if snapshot is not None:
        data["snapshot"] = {"key": snapshot.key, "jobs": [list(job) for job in snapshot.jobs]}
    write_atomically(out / name, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())


def up_to_date(out: Path, name: str, key: str, entries: dict[str, Entry]) -> bool:
    entry = entries.get(name)
    if entry is None or entry.key != key:
        return False
    try:
        return (out / name).stat().st_size == entry.size
    except OSError:
        return False
