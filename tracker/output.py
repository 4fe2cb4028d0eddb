"""Writing what the analyst asked for to the file named with ``-o``: one rule for every
command and the TUI.

What the target is decides how it is written, and nothing is ever destroyed by mistake:

- ``-`` is standard output, through ``display.TerminalText`` (nothing terminal-active
  reaches the screen; JSON keeps reading back the same).
- The database in use (its file, ``-wal``, ``-shm`` or ``-journal``, by resolved path or
  by inode) is refused: ``brief -o case.sqlite`` would otherwise replace the case.
- A regular file, or a name not taken yet, is written to ``NAME.partial`` beside it and
  renamed over it at the end, so a failed run leaves neither half a file nor the
  ``.partial``; an existing file keeps its permissions.
- A named pipe (FIFO, and the ``/dev/fd/N`` of a shell's ``>(...)``) or a character device
  (``/dev/null``, a terminal) is opened and written directly, streamed: replacing the node
  with a regular file would break it (as root, ``-o /dev/null`` would destroy
  ``/dev/null``). A terminal gets the standard output rule.
- A symbolic link is followed: its target gets the rules above, the link stays, and the
  caller is told the file actually written (``Output.note``).
- A folder, a block device, a socket, a missing or read-only folder: a one-line
  ``UserError``, nothing created.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, cast

from tracker.display import TerminalText
from tracker.errors import UserError

STDOUT = "-"


@dataclass(frozen=True)
class Output:
    """Where the bytes went: ``stream`` to write to, and a one-line ``note`` for the
    analyst when that is not simply the file they named (a link's target, a pipe)."""

    stream: TextIO
    written: str
    note: str | None = None


def _terminal(out: TextIO, json: bool) -> TextIO:
    return cast(TextIO, TerminalText(out, json=json))  # a text stream, as far as writers go


def kind_of_file(mode: int) -> str:
    """What a file that is not a regular file is, in a few words, for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    return "not a regular file"


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # a hard link to the database is the database
    except OSError:
        return False


def _refuse_database(target: Path, shown: str, protect: Iterable[Path]) -> None:
    for guarded in protect:
        if _same_file(target, guarded):
            raise UserError(
                f"{shown}: is the database in use ({guarded}); refusing to write over it"
            )


def _describe_error(error: OSError) -> str:
    return error.strerror or str(error)


@contextmanager
def open_output(
    target: str | os.PathLike[str],
    *,
    json: bool = False,
    protect: Iterable[Path] = (),
    stdout: TextIO | None = None,
    allow_stdout: bool = True,
) -> Iterator[Output]:
    """Checks ``target`` (before anything is produced), then yields where to write.

    ``json``: the content is JSON (on a terminal, terminal-active characters become
    ``\\uXXXX`` escapes, which read back the same; other text gets ``visible``).
    ``protect``: the files of the database in use, never written over.
    On an error inside the block nothing is left behind, and an ``OSError`` of the
    writing becomes a one-line ``UserError`` naming the file.
    """
    shown = os.fspath(target)
    if shown == STDOUT and allow_stdout:
        yield Output(_terminal(stdout or sys.stdout, json), "standard output")
        return
    if not shown:
        raise UserError("-o: no file named")
    named = Path(shown).expanduser()
    protect = list(protect)
    try:
        link = stat.S_ISLNK(os.lstat(named).st_mode)
    except FileNotFoundError:
        link = False
    except OSError as error:
        raise UserError(f"{shown}: cannot write: {_describe_error(error)}") from None
    try:
        mode: int | None = os.stat(named).st_mode  # through a link, to what it names
    except FileNotFoundError:
        mode = None  # not there yet (or a link to nothing yet): created
    except OSError as error:
        raise UserError(f"{shown}: cannot write: {_describe_error(error)}") from None
    _refuse_database(named, shown, protect)
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        with _streamed(named, shown, json, link) as out:
            yield out
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise UserError(f"{shown}: is {kind_of_file(mode)}, not a file; name a file to write")
    # A link is followed to the file it names, which is replaced; the link stays.
    final = Path(os.path.realpath(named)) if link else named
    note = f"{shown} is a symbolic link: wrote its target {final}" if link else None
    with _replaced(final, shown, mode, protect) as stream:
        yield Output(stream, str(final), note)


@contextmanager
def _streamed(path: Path, shown: str, json: bool, link: bool) -> Iterator[Output]:
    """A pipe or a device: opened as it is (no create, no truncate) and written in place."""
    try:
        # Opening a pipe waits for its reader, as ``cat > fifo`` does.
        fd = os.open(path, os.O_WRONLY)
    except OSError as error:
        raise UserError(f"{shown}: cannot write: {_describe_error(error)}") from None
    kind = kind_of_file(os.fstat(fd).st_mode)
    raw = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 (closed below)
    stream = _terminal(raw, json) if raw.isatty() else raw
    via = " through a symbolic link" if link else ""
    try:
        yield Output(stream, shown, f"{shown} is {kind}: written to it directly{via}, streamed")
        raw.flush()
    except OSError as error:
        raise UserError(f"{shown}: cannot write: {_describe_error(error)}") from None
    finally:
        try:
            raw.close()
        except OSError:
            pass  # a reader that went away: the error above, if any, says so


@contextmanager
def _replaced(final: Path, shown: str, mode: int | None, protect: list[Path]) -> Iterator[TextIO]:
    """A regular file (or a new one): written beside it as ``.partial``, renamed at the end."""
    folder = final.parent
    if not folder.is_dir():
        raise UserError(f"{shown}: no such folder: {folder}")
    partial = final.with_name(final.name + ".partial")
    _refuse_database(partial, shown, protect)
    try:
        if not stat.S_ISREG(os.lstat(partial).st_mode):
            raise UserError(f"{shown}: {partial} is in the way and is not a file")
    except FileNotFoundError:
        pass
    except OSError as error:
        raise UserError(f"{shown}: cannot write in {folder}: {_describe_error(error)}") from None
    try:
        out = partial.open("w", encoding="utf-8", newline="\n")
    except OSError as error:
        raise UserError(f"{shown}: cannot write in {folder}: {_describe_error(error)}") from None
    try:
        with out:
            yield out
        if mode is not None:
            os.chmod(partial, stat.S_IMODE(mode))  # an existing file keeps its permissions
        os.replace(partial, final)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"{shown}: cannot write: {_describe_error(error)}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
