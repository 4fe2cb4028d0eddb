"""The one exception bad user input becomes: the CLI prints its message on one line."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user: a one-line message, ideally ``file:line: what is wrong``.

    The command line prints ``tracker: <message>`` to stderr and exits non-zero,
    without a traceback.
    """

    def __init__(self, message: str) -> None:
        # One line, always: a message spanning lines would read like a traceback.
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        return str(self.args[0])


def located(path: object, message: str, line: int | None = None) -> UserError:
    """A UserError naming the file (and line, 1-based, when known)."""
    where = f"{path}:{line}" if line is not None else f"{path}"
    return UserError(f"{where}: {message}")


class ConflictError(UserError):
    """Someone else changed the row since the analyst read it (optimistic versioning)."""
