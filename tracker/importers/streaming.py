"""Reading a big case file an item at a time: memory bounded by one item, not the file.

``scan(path)`` checks and hashes the bytes in chunks (the checks and messages of
``reading.decode``); ``yaml_items`` and ``json_items`` then yield the items of
the top-level list one by one, each mapping carrying its line (``LINE_KEY``), and
fail with the same one-line messages as parsing the whole file would.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from yaml.composer import Composer

from tracker.errors import located
from tracker.importers.reading import LINE_KEY, _LineLoader, check_size

CHUNK = 1 << 20
_WHITESPACE = b" \t\n\r\x0b\x0c"


def scan(path: Path) -> str:
    """The file's content hash, after the checks ``reading.decode`` makes on the whole
    text (empty, binary, not UTF-8), read a chunk at a time."""
    check_size(path)
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, text_seen, binary = 1, False, False
    undecodable: tuple[int, int] | None = None  # (byte, line) of the first bad byte
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                binary = binary or b"\x00" in chunk
                text_seen = text_seen or bool(chunk.strip(_WHITESPACE))
                if undecodable is None:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as error:
                        # The decoder's position counts from its pending bytes; the
                        # offending byte is in this chunk or the few held over from the last.
                        at = max(error.start - (len(error.object) - len(chunk)), 0)
                        undecodable = (chunk[at], lines + chunk[:at].count(b"\n"))
                lines += chunk.count(b"\n")
            if undecodable is None:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError as error:
                    undecodable = (error.object[error.start], lines)
    except OSError as error:
        raise located(path, f"cannot read: {error.strerror or error}") from None
    if not text_seen:
        raise located(path, "file is empty")
    if binary:
        raise located(path, "binary file, not text")
    if undecodable is not None:
        byte, line = undecodable
        raise located(path, f"not UTF-8 text (byte 0x{byte:02x} cannot be decoded)", line)
    return digest.hexdigest()


def open_text(path: Path, newline: str | None = None) -> IO[str]:
    """The file as text, its byte-order mark dropped (``scan`` has checked it decodes)."""
    try:
        return path.open(encoding="utf-8-sig", newline=newline)
    except OSError as error:
        raise located(path, f"cannot read: {error.strerror or error}") from None


# YAML: libyaml's events, composed into one node per top-level item ---------------------


class _ItemLoader(_LineLoader):  # type: ignore[misc, valid-type]
    """The line-keeping safe loader, composing in Python from libyaml's events: libyaml's
    own composer builds the whole document's node tree before anything is constructed."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(stream)
        self.anchors: dict[str, yaml.Node] = {}  # Composer's state: an alias may point back

    compose_node = Composer.compose_node
    compose_scalar_node = Composer.compose_scalar_node
    compose_sequence_node = Composer.compose_sequence_node
    compose_mapping_node = Composer.compose_mapping_node


def yaml_items(path: Path, stream: IO[str], what: str) -> Iterator[Any]:
    """The items of the file's top-level list, constructed one at a time."""
    loader = _ItemLoader(stream)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise located(path, f"no {what} in file")
        loader.get_event()  # document start
        if not loader.check_event(yaml.SequenceStartEvent):
            node = loader.compose_node(None, None)  # type: ignore[arg-type]
            _end_of_stream(loader)  # a syntax error after it comes first, as in yaml.load
            data = None if node is None else loader.construct_document(node)
            if node is None or data is None:
                raise located(path, f"no {what} in file")
            line = node.start_mark.line + 1
            raise located(path, f"expected a list of {what} at the top level", line)
        start = loader.get_event()
        if start.tag not in (None, "!", yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG):
            problem = f"could not determine a constructor for the tag {start.tag!r}"
            raise yaml.constructor.ConstructorError(None, None, problem, start.start_mark)
        index = 0
        while not loader.check_event(yaml.SequenceEndEvent):
            yield loader.construct_document(loader.compose_node(None, index))
            index += 1
        loader.get_event()
        _end_of_stream(loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        line = mark.line + 1 if mark is not None else None
        raise located(path, f"malformed YAML: {problem}", line) from None
    except yaml.YAMLError as error:
        raise located(path, f"malformed YAML: {error}") from None
    except RecursionError:
        raise located(path, "malformed YAML: nested too deeply") from None
    finally:
        loader.dispose()


def _end_of_stream(loader: _ItemLoader) -> None:
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        mark = loader.get_event().start_mark
        raise yaml.composer.ComposerError(
            "expected a single document in the stream", None, "but found another document", mark
        )


# JSON: the standard decoder, one array item at a time, counting lines -----------------

# A decode error this close to the end of what has been read may only be the item cut off
# by the chunk (a number, "tru", "\u12"): read on before calling it malformed.
_TAIL = 16
_NOT_SPACE = re.compile(r"[^ \t\n\r]")
# The key "id", not the same four characters escaped inside some text (\"id\").
_ID_KEY = re.compile(r'(?<!\\)"id"\s*:')


class _JsonReader:
    def __init__(self, path: Path, stream: IO[str]) -> None:
        self.path, self.stream = path, stream
        self.buffer, self.at, self.line = "", 0, 1  # ``line``: the line ``at`` is on
        self.ended = False
        self.decoder = json.JSONDecoder()

    def more(self, at_least: int = CHUNK) -> bool:
        if self.ended:
            return False
        chunk = self.stream.read(max(at_least, CHUNK))
        if not chunk:
            self.ended = True  # the buffer stays as it was: error positions still hold
            return False
        # Drop what has been read (its lines counted), so the buffer holds one item or so.
        self.buffer = self.buffer[self.at :] + chunk
        self.at = 0
        return True

    def advance(self, to: int) -> None:
        self.line += self.buffer.count("\n", self.at, to)
        self.at = to

    def error(self, message: str, at: int) -> Exception:
        line = self.line + self.buffer.count("\n", self.at, at)
        return located(self.path, f"malformed JSON: {message}", line)

    def next_char(self) -> str:
        """The next character that is not whitespace ('' at the end), not consumed."""
        while True:
            found = _NOT_SPACE.search(self.buffer, self.at)
            if found is not None:
                self.advance(found.start())
                return found.group()
            self.advance(len(self.buffer))
            if not self.more():
                return ""

    def value(self) -> tuple[Any, int]:
        """The next value and the line it starts on; more is read until it is whole."""
        want = CHUNK
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as error:
                cut = error.msg.startswith("Unterminated string") or (
                    error.pos >= len(self.buffer) - _TAIL
                )
                if not cut or not self.more(want):
                    raise self.error(error.msg, error.pos) from None
            else:
                # A number at the very end may go on in the next chunk.
                if end < len(self.buffer) or not self.more(want):
                    start, line = self.at, self.line
                    self.advance(end)
                    return value, self._id_line(value, start, end, line)
            want *= 2  # doubling: an item read again and again costs its size, not its square

    def _id_line(self, value: Any, start: int, end: int, line: int) -> int:
        """The line of the item's ``"id"`` (where its errors point), else of its start."""
        if isinstance(value, dict) and "id" in value:
            key = _ID_KEY.search(self.buffer, start, end)
            if key is not None:
                return line + self.buffer.count("\n", start, key.start())
        return line


def json_items(path: Path, stream: IO[str], what: str) -> Iterator[Any]:
    reader = _JsonReader(path, stream)
    if reader.next_char() != "[":
        yield from _whole_json(path, reader, what)
        return
    reader.advance(reader.at + 1)
    first = True
    while True:
        char = reader.next_char()
        if char == "]":
            reader.advance(reader.at + 1)
            break
        if not first:
            if char != ",":
                raise reader.error("Expecting ',' delimiter", reader.at)
            reader.advance(reader.at + 1)
            if reader.next_char() in ("]", ""):
                raise reader.error("Expecting value", reader.at)
        elif char == "":
            raise reader.error("Expecting value", reader.at)
        first = False
        try:
            value, line = reader.value()
        except RecursionError:
            raise located(path, "malformed JSON: nested too deeply") from None
        if isinstance(value, dict):
            value[LINE_KEY] = line
        yield value
    if reader.next_char() != "":
        raise reader.error("Extra data", reader.at)


def _whole_json(path: Path, reader: _JsonReader, what: str) -> Iterator[Any]:
    """Not a list: parsed whole, for the message the whole file gets (a case file of
    any other shape is refused; the size limit bounds it)."""
    while reader.more():
        pass
    try:
        data = json.loads(reader.buffer[reader.at :])
    except json.JSONDecodeError as error:
        raise reader.error(error.msg, reader.at + error.pos) from None
    except RecursionError:
        raise located(path, "malformed JSON: nested too deeply") from None
    if data is None:
        raise located(path, f"no {what} in file")
    raise located(path, f"expected a list of {what} at the top level")


__all__ = ["json_items", "open_text", "scan", "yaml_items"]
