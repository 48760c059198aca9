"""One build at a time per output folder: a lock file holding the builder's process id.

Two builds writing the same folder would interleave PDFs and overwrite each
other's manifest, so the second one is refused (exit 2). A lock left behind by a
process that no longer runs (killed, machine restarted) is taken over.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from .errors import ProjectError

LOCK_NAME = ".handout.lock"


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    path = out / LOCK_NAME
    _acquire(path)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _acquire(path: Path) -> None:
    for _ in range(2):  # the second try follows the removal of a stale lock
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = _owner(path)
            if owner is not None and _running(owner):
                who = f" (process {owner})" if owner > 0 else ""
                raise ProjectError(
                    f"{path.parent}: another handout build{who} is writing to this folder; "
                    f"wait for it to finish (if none is running, delete {path})"
                ) from None
            path.unlink(missing_ok=True)  # stale: its process is gone
            continue
        except OSError as error:
            raise ProjectError(f"{path}: cannot create the lock file: {error.strerror}") from None
        with os.fdopen(descriptor, "w") as file:
            file.write(f"{os.getpid()}\n")
        return
    raise ProjectError(f"{path.parent}: another handout build took this folder at the same moment; try again")


def _owner(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return -1  # empty (another build is writing it this moment) or garbage


def _running(pid: int) -> bool:
    if pid <= 0:
        return True  # unknown owner: refuse rather than risk two builds; the message says how to clear it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True
