"""Reading case files: text checks, content hashes and YAML with line numbers.

Every problem becomes a UserError naming the file (and line where known).
"""

from __future__ import annotations

import hashlib
import re
import reprlib
from pathlib import Path
from typing import Any

import yaml

from tracker.errors import UserError, located

LINE_KEY = "__line__"

# A case file larger than this is refused by its size, before a byte is read: articles
# and claims files are kilobytes to a few megabytes; 50 MB is generous for a feed dump
# and still safe to hold in memory (parsed YAML takes several times the file's size).
MAX_FILE_BYTES = 50 * 1024 * 1024


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_size(path: Path) -> None:
    """Refuse a file above MAX_FILE_BYTES by its size alone (stat, never read)."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise located(path, f"cannot read: {error.strerror or error}") from None
    if size > MAX_FILE_BYTES:
        raise located(
            path,
            f"file is {_megabytes(size)} MB, above the limit of "
            f"{_megabytes(MAX_FILE_BYTES)} MB for one case file; split it",
        )


def _megabytes(size: int) -> str:
    """Megabytes with as many decimals as it takes to tell ``size`` from the limit
    (a file one byte over is not "50 MB, above the limit of 50 MB")."""
    limit = MAX_FILE_BYTES / 1024 / 1024
    for decimals in range(8):
        shown = f"{size / 1024 / 1024:.{decimals}f}"
        if size <= MAX_FILE_BYTES or float(shown) > limit:
            return shown
    return f"{size / 1024 / 1024:.8f}"


def read_bytes(path: Path) -> bytes:
    check_size(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise located(path, f"cannot read: {error.strerror or error}") from None


def decode(path: Path | str, data: bytes) -> str:
    """UTF-8 text, or a clean error for empty, binary or otherwise-encoded files."""
    if not data.strip():
        raise located(path, "file is empty")
    if b"\x00" in data:
        raise located(path, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise located(
            path, f"not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded)", line
        ) from None
    return text.removeprefix("\ufeff")


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(path: Path | str, data: bytes) -> str:
    """A saved web page: UTF-8, or the charset its ``<meta>`` declares (windows-1252...)."""
    try:
        return decode(path, data)
    except UserError:
        declared = _CHARSET.search(data[:4096])
        if declared is None or b"\x00" in data or not data.strip():
            raise
        try:
            return data.decode(declared[1].decode("ascii")).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            raise located(
                path, f"not readable as its declared charset {declared[1].decode('ascii')!r}"
            ) from None


# libyaml's parser is about ten times faster than the pure-Python one on large claims files.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Safe YAML that remembers the line each mapping starts on (for error messages)."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _mapping_with_line,  # type: ignore[arg-type]
)


def _timestamp_or_text(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    # YAML reads `published: 2023-02-30` as a date and raises on the impossible day,
    # deep in the parser; kept as written, the field's own check names file and field.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)  # type: ignore[arg-type]


def load_yaml(path: Path, text: str, first_line: int = 1) -> Any:
    """Parse YAML; ``first_line`` is the file line the text starts on (front matter)."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
        if first_line != 1:
            _shift_lines(data, first_line - 1)
        return data
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = error.problem or error.context or "malformed YAML"
        raise located(path, f"malformed YAML: {problem}", line) from None
    except yaml.YAMLError as error:
        raise located(path, f"malformed YAML: {error}") from None
    except RecursionError:
        raise located(path, "malformed YAML: nested too deeply") from None


def _shift_lines(data: Any, by: int, seen: set[int] | None = None) -> None:
    # YAML aliases share one object many times over ("billion laughs"): visit each once.
    seen = set() if seen is None else seen
    if id(data) in seen:
        return
    if isinstance(data, dict):
        seen.add(id(data))
        if LINE_KEY in data:
            data[LINE_KEY] += by
        for value in data.values():
            _shift_lines(value, by, seen)
    elif isinstance(data, list):
        seen.add(id(data))
        for value in data:
            _shift_lines(value, by, seen)


def line_of(entry: Any) -> int | None:
    return entry.get(LINE_KEY) if isinstance(entry, dict) else None


def fields(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k != LINE_KEY}


def entry_error(path: Path, entry: Any, message: str) -> UserError:
    return located(path, message, line_of(entry))


def text_field(path: Path, entry: dict, key: str, *, required: bool = False, what: str = "") -> str:
    """A string field (numbers and dates written bare in YAML are taken as their text)."""
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise entry_error(path, entry, f"{what}missing required field '{key}'")
        return ""
    if isinstance(value, list | dict):
        raise entry_error(path, entry, f"{what}field '{key}' must be text, not a list or mapping")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, str) and (problem := unstorable(value)):
        raise entry_error(path, entry, f"{what}field '{key}' {problem}")
    return str(value).strip()


def unstorable(text: str) -> str | None:
    """Why a text cannot be stored, or None."""
    if "\x00" in text:
        # Written as "\0" in YAML or "\u0000" in JSON; PostgreSQL cannot store it in text.
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, written "\ud800" in JSON
        return "contains a lone surrogate, not Unicode text"
    return None


def list_field(
    path: Path, entry: dict, key: str, *, what: str = "", mappings: bool = False
) -> list:
    """A list of texts (or, with ``mappings``, of mappings); a single text is a list of one."""
    value = entry.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise entry_error(path, entry, f"{what}field '{key}' must be a list")
    if not mappings:
        for item in value:
            if isinstance(item, list | dict) or item is None or unstorable(str(item)):
                raise entry_error(
                    path, entry, f"{what}each item of '{key}' must be text, got {_short(item)}"
                )
    return value


def _short(value: Any) -> str:
    # reprlib: a nested or alias-multiplied value is shown in a few characters, not expanded.
    return reprlib.repr(value)[:40]


def unknown_fields(path: Path, entry: dict, allowed: set[str], what: str = "") -> None:
    extra = sorted(str(k) for k in fields(entry) if k not in allowed)
    if extra:
        raise entry_error(
            path,
            entry,
            f"{what}unknown field '{extra[0]}' (expected one of: {', '.join(sorted(allowed))})",
        )


def require_list(path: Path, data: Any, what: str) -> list:
    if data is None:
        raise located(path, f"no {what} in file")
    if not isinstance(data, list):
        raise located(path, f"expected a list of {what} at the top level", line_of(data))
    for item in data:
        if not isinstance(item, dict):
            raise UserError(f"{path}: each of the {what} must be a mapping, got {_short(item)}")
    return data
