"""Writing what the tool produces without harming what it reads: an output never names an input
(or a path inside the case folder), every file is written to a temporary file in its own folder
and renamed (an interrupted or failed write never leaves a truncated report), and names taken
from the case (which may hold undecodable bytes or control characters) are made safe to show.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from casecheck.model import Report

# C0 and C1 control characters other than tab and newline, and DEL: shown as \xNN escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates: what Python makes of bytes in a file name that are not valid UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class OutputError(OSError):
    """An output cannot be written where it was asked; the message is Chinese."""


def display(name: str) -> str:
    """`name` safe for a terminal or a report: control characters and undecodable bytes are
    shown as escapes (\\x1b, \\udcb0) instead of reaching the terminal raw."""
    name = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", name)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def check_outputs(inputs: Iterable[Path], outputs: Iterable[Path | None]) -> None:
    """Raise OutputError when an output is an input, lies inside an input folder, or is a
    folder that holds an input file the output would replace."""
    sources = [_resolved(p) for p in inputs]
    for output in (o for o in outputs if o is not None):
        target = _resolved(output)
        for source in sources:
            if target == source:
                raise OutputError(
                    f"输出文件不能是输入文件本身（输入从不被改写）：{display(str(output))}"
                )
            if source.is_dir() and target.is_relative_to(source):
                raise OutputError(
                    f"输出不能位于案卷文件夹内（案卷从不被改写）：{display(str(output))}"
                )


def _explain(exc: OSError, path: Path) -> str:
    where = display(str(path))
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间不足，未能写出：{where}（原有文件未被改动）"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限：{where}"
    if exc.errno == errno.ENOENT:
        return f"输出文件夹不存在或无法创建：{where}"
    if exc.errno == errno.ENAMETOOLONG:
        return f"输出路径过长：{where}"
    if exc.errno == errno.EISDIR:
        return f"输出路径是一个文件夹：{where}"
    return f"未能写出 {where}：{exc.strerror or exc}"


@contextlib.contextmanager
def atomic_path(path: Path, make_parent: bool = True) -> Iterator[Path]:
    """A temporary path beside `path` (same suffix) to write to; renamed to `path` when the
    block ends without error, removed otherwise. OS errors become OutputError (Chinese)."""
    try:
        if make_parent:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        os.close(fd)
    except OSError as exc:
        raise OutputError(_explain(exc, path)) from exc
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(_explain(exc, path)) from exc
    except BaseException:
        _remove(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def write_file(path: Path, writer: Callable[[Path], Any]) -> Path:
    """`writer(tmp)` writes the whole file to a temporary path, then it replaces `path`."""
    with atomic_path(path) as tmp:
        writer(tmp)
    return path


def write_text(path: Path, fill: Callable[[TextIO], Any]) -> Path:
    """A UTF-8 text file written by `fill(handle)`; undecodable bytes of file names (lone
    surrogates) are written as JSON-compatible \\udcXX escapes, never a crash."""

    def writer(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", errors="backslashreplace") as fh:
            fill(fh)

    return write_file(path, writer)


def dump_json(data: Any, path: Path) -> Path:
    """`data` as indented UTF-8 JSON, atomically (a name with undecodable bytes survives as a
    \\udcXX escape that reads back as the same string)."""

    def fill(fh: TextIO) -> None:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")

    return write_text(path, fill)


def shown(report: Report) -> Report:
    """A copy of `report` fit to show on a terminal or in Word and Excel: names and quotes
    with control characters and undecodable bytes escaped (documents lose their text)."""
    return Report.from_json(displayable(report.to_json()))


def shown_fields(obj: Any) -> Any:
    """A copy of a dataclass (a batch's case summary) with its text fields, nested ones
    included, made safe by `display`; paths and numbers stay as they are."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: shown_fields(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, str):
        return display(obj)
    if isinstance(obj, list | tuple):
        return type(obj)(shown_fields(item) for item in obj)
    if isinstance(obj, dict):
        return {shown_fields(key): shown_fields(value) for key, value in obj.items()}
    return obj


def displayable(data: Any) -> Any:
    """A copy of JSON-like `data` with every string made safe by `display` (what Word and Excel
    files can hold: no control characters, no undecodable bytes)."""
    if isinstance(data, str):
        return display(data)
    if isinstance(data, dict):
        return {key: displayable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [displayable(value) for value in data]
    return data
