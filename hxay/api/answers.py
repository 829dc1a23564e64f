"""Stage 7, api: the answer cache: `validate`, `check` and `report` run again on an unchanged
folder print what they printed before, byte for byte, with the same exit code, without
loading anything. Light: it runs before the command line is imported.

An answer is keyed by everything the output depends on: hxay's code, the command line,
the working folder, the environment the output reads (terminal width and colour, the data
folder), every file's digest and what discovery found (loading/inputs.py), and the git
state the provenance reports; it holds the day it was made in the campaign's timezone,
since a command without `--as-of` means today. A command is recorded only when its one
load read exactly the bytes of the key, it exited 0, 1 or 3, and wrote no file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from hxay.loading import cachesetting
from hxay.loading.cachedir import Store, code_fingerprint, keep_newest, name_of
from hxay.loading.cachesetting import Probes
from hxay.loading.inputs import probes_hold

COMMANDS = frozenset({"validate", "check", "report"})
KEEP = 32
"""Answers kept per data folder (the newest)."""
_ENV = (
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "COLORTERM",
    "HXAY_DATA",
    "HXAY_DEBUG",
    "HXAY_LANG",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "PYTHONIOENCODING",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)
_STORED_CODES = (0, 1, 3)


def _data_option(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg in ("--data", "-d") and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--data="):
            return arg[len("--data=") :]
        if arg.startswith("-d") and not arg.startswith("--") and len(arg) > 2:
            return arg[2:]
    return None


def _writes_or_asks(args: list[str]) -> bool:
    """Whether the command writes a file or asks for help (neither is answered)."""
    return any(
        a in ("--out", "-o", "--help", "-h", "--each")
        or a.startswith("--out=")
        or (a.startswith("-o") and not a.startswith("--"))
        for a in args
    )


def _today(zone: str | None, now: dt.datetime | None = None) -> str:
    """The day in the campaign's timezone, as the commands reckon it."""
    from hxay.models.days import day_in

    return day_in(zone, now or dt.datetime.now(dt.UTC)).isoformat()


class Attempt:
    """One command that may be answered from the cache, or recorded for the next time."""

    def __init__(self, store: Store, root: Path, key: str, load_key: str) -> None:
        self.store, self.root, self.key, self.load_key = store, root, key, load_key
        self.path = store.folder(root) / f"a-{key}"
        self.chunks: list[tuple[int, bytes]] = []
        self._saved: tuple[TextIO, TextIO] | None = None
        self._started = dt.datetime.now(dt.UTC)

    def replay(self) -> int | None:
        """Print the stored answer and return its exit code; None when there is none."""
        body = self.store.read(self.path)
        if body is None:
            return None
        parsed = _parse(body)
        if parsed is None:
            return None
        zone, day, code, probes, chunks = parsed
        try:
            if _today(zone or None) != day or not probes_hold(self.root, probes):
                return None
        except (OSError, RuntimeError, ValueError):  # let the command say what is wrong
            return None
        streams = {1: sys.stdout.buffer, 2: sys.stderr.buffer}
        for fd, data in chunks:  # in the order written, each flushed as the command line does
            streams[fd].write(data)
            streams[fd].flush()
        return code

    def start(self) -> None:
        """Record what the command prints, passing it on as it comes."""
        sys.stdout.flush()
        sys.stderr.flush()
        self._saved = (sys.stdout, sys.stderr)
        self._started = dt.datetime.now(dt.UTC)
        cachesetting.observed.clear()
        sys.stdout = _Recorded(sys.stdout, 1, self.chunks)
        sys.stderr = _Recorded(sys.stderr, 2, self.chunks)

    def stop(self) -> None:
        """Stop recording (the command failed, or it was kept already)."""
        if self._saved is None:
            return
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = self._saved
        self._saved = None

    def finish(self, code: object) -> None:
        """Stop recording; keep the answer when it may be given again."""
        if self._saved is None:
            return
        self.stop()
        code = 0 if code is None else code
        loads = cachesetting.observed
        if code not in _STORED_CODES or len(loads) != 1:
            return
        root, key, zone, probes = loads[0]
        if key != self.load_key or Path(root).resolve() != self.root:
            return
        day = _today(zone)
        if day != _today(zone, self._started) or not isinstance(code, int):
            return  # the day changed while it ran: which day it meant is not known
        self.store.write(self.path, _dump(zone or "", day, code, probes, self.chunks))
        keep_newest(self.path.parent, "a-", KEEP)


class _Recorded:
    """A stream that records what is written and passes every call on to the stream it
    stands for, which buffers, flushes and fails exactly as it would alone."""

    def __init__(self, stream: Any, fd: int, chunks: list[tuple[int, bytes]]) -> None:
        self._stream, self._fd, self._chunks = stream, fd, chunks

    def write(self, data: Any) -> Any:
        if isinstance(data, str):
            encoded = data.encode(self._stream.encoding, self._stream.errors)
        elif isinstance(data, (bytes, bytearray, memoryview)) and not hasattr(
            self._stream, "encoding"
        ):
            encoded = bytes(data)
        else:
            return self._stream.write(data)  # refused by the stream itself, as it would be
        written = self._stream.write(data)
        if encoded:
            self._chunks.append((self._fd, encoded))
        return written

    @property
    def buffer(self) -> Any:
        return _Recorded(self._stream.buffer, self._fd, self._chunks)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _dump(zone: str, day: str, code: int, probes: Probes, chunks: list[tuple[int, bytes]]) -> bytes:
    out = [f"{zone}\n{day}\n{code}\n{len(probes)}\n".encode()]
    for file, inside, exists in probes:
        name = file.encode("utf-8", "surrogateescape")
        out.append(f"{int(inside)}{int(exists)} {len(name)}\n".encode())
        out.append(name)
    out.append(f"{len(chunks)}\n".encode())
    for fd, data in chunks:
        out.append(f"{fd} {len(data)}\n".encode())
        out.append(data)
    return b"".join(out)


def _parse(body: bytes) -> tuple[str, str, int, Probes, list[tuple[int, bytes]]] | None:
    try:
        zone, day, code, count, rest = body.split(b"\n", 4)
        probes: Probes = []
        for _ in range(int(count)):
            head, rest = rest.split(b"\n", 1)
            flags, length = head.split(b" ")
            name, rest = rest[: int(length)], rest[int(length) :]
            probes.append(
                (name.decode("utf-8", "surrogateescape"), flags[:1] == b"1", flags[1:] == b"1")
            )
        count, rest = rest.split(b"\n", 1)
        chunks = []
        for _ in range(int(count)):
            head, rest = rest.split(b"\n", 1)
            fd, size = (int(x) for x in head.split(b" "))
            if fd not in (1, 2) or not 0 <= size <= len(rest):
                return None
            chunks.append((fd, rest[:size]))
            rest = rest[size:]
        if rest:
            return None
        return zone.decode(), day.decode(), int(code), probes, chunks
    except ValueError:
        return None


def _terminal_size(env: Mapping[str, str]) -> tuple[int, int]:
    """What `shutil.get_terminal_size((100, 24))` says (the width the table renderer
    uses), without importing shutil: COLUMNS and LINES, else the terminal, else 100x24."""
    try:
        columns = int(env.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    try:
        lines = int(env.get("LINES", "0"))
    except ValueError:
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            stdout = sys.__stdout__
            size = os.get_terminal_size(stdout.fileno() if stdout is not None else -1)
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((0, 0))
        columns = columns if columns > 0 else size.columns or 100
        lines = lines if lines > 0 else size.lines or 24
    return columns, lines


def prepare(args: list[str], env: Mapping[str, str], cwd: Path) -> Attempt | None:
    """The attempt for this command line, or None when it is not one to answer (another
    command, a file to write, no cache, no data folder)."""
    if not args or args[0] not in COMMANDS or _writes_or_asks(args[1:]):
        return None
    directory = cachesetting.default_directory(env)
    if directory is None:
        return None
    store = Store(directory)
    if not store.usable:
        return None
    from hxay.loading.discover import find_data_dir, list_files
    from hxay.loading.inputs import read_inputs
    from hxay.loading.provenance import git_state
    from hxay.models.errors import HxayError

    try:
        root = find_data_dir(_data_option(args[1:]), env.get("HXAY_DATA"), cwd)
        files = list_files(root)
        inputs = read_inputs(files)
    except (HxayError, OSError):
        return None
    every = ((files.campaign,) if files.campaign else ()) + files.records
    git = git_state(root, every)
    size = _terminal_size(env)
    parts = [
        code_fingerprint(),
        "\0".join(args),
        str(cwd),
        str(root.resolve()),
        inputs.key,
        repr((git.commit, git.dirty, git.hint)),
        repr((os.isatty(1), os.isatty(2), tuple(size))),
        repr(tuple(env.get(name) for name in _ENV)),
        repr(
            tuple(
                (getattr(s, "encoding", None), getattr(s, "errors", None))
                for s in (sys.stdout, sys.stderr)
            )
        ),
    ]
    cachesetting.preread[:] = [(root.resolve(), files, inputs)]
    return Attempt(store, root.resolve(), name_of(*parts), inputs.key)
