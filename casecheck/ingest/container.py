"""The files of a case: a folder (recursive), a .zip, or one document file.

Yields one `Entry` per document file, with its bytes and its kind by content, or with an error.
Archives found in the case root (a folder or a .zip) are read one level deep as part of the
same case (their members get paths like `证据/补充.zip/询问笔录.docx`); an archive inside
those is reported, not opened.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from casecheck.ingest.sniff import ZIP_ERRORS, Kind, sniff

MAX_FILE_BYTES = 300 * 2**20
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 200 * 2**20
MAX_TOTAL_BYTES = 2**30
# A member this large that compresses better than MAX_RATIO : 1 is taken for a zip bomb.
BOMB_MIN_BYTES = 10 * 2**20
MAX_RATIO = 200

_SKIPPED_NAMES = {"thumbs.db", "desktop.ini", "__macosx"}

NOT_FOUND = "文件或文件夹不存在"
VANISHED = "文件在读取前已被删除或移走，未读取"
UNREADABLE = "无法打开文件（没有读取权限，或文件正被其他程序占用）"
TOO_LARGE = "文件过大（超过 {limit} MB），未读取"
ZIP_DAMAGED = "压缩包已损坏，无法读取"
ZIP_TOO_MANY = "压缩包内文件过多（超过 {limit} 个），未读取；请解压后分批检查"
ZIP_UNSAFE_PATH = "压缩包中的文件路径不安全（{name}），已跳过"
ZIP_ENCRYPTED = "压缩包中的文件已加密，无法读取；请提供未加密的压缩包"
ZIP_MEMBER_DAMAGED = "压缩包中的文件已损坏，无法读取"
ZIP_BOMB = "压缩包中的文件压缩比异常（疑似压缩炸弹），已跳过"
ZIP_TOTAL = "压缩包解压后总大小超过 {limit} MB，此文件未读取"
ZIP_NESTED = "压缩包中的压缩包只读取一层，此文件未读取；请先解压后再检查"
FOLDER_UNREADABLE = "无法打开此文件夹（没有读取权限），其中的文件未读取"
PATH_TOO_LONG = "路径过长，系统无法打开，未读取；请缩短文件夹或文件名后再检查"
LINK_OUTSIDE = "这是指向案卷以外（{target}）的快捷方式（符号链接），未读取；如需检查请复制到案卷内"
LINK_BROKEN = "这是一个失效的快捷方式（符号链接），未读取"
LINK_LOOP = "这是指向上级或已读取文件夹的快捷方式（符号链接），为避免重复读取未读取"


@dataclass(frozen=True)
class Entry:
    """One document file of the case: path relative to the case root, content, kind."""

    path: str
    data: bytes = b""
    kind: Kind = "empty"
    error: str | None = None


@dataclass
class _Budget:
    """Uncompressed bytes read so far from the archives of one case (all of them together)."""

    used: int = 0


def is_skipped(name: str) -> bool:
    """Hidden files and folders, Office lock files `~$*`, and OS thumbnail/settings files."""
    return name.startswith((".", "~$")) or name.lower() in _SKIPPED_NAMES


def iter_path(path: Path) -> Iterator[Entry]:
    """The document files of a case at `path`: a folder, a .zip, or a single document."""
    if path.is_dir():
        yield from _iter_folder(path)
    elif path.exists():
        entry = _read_file(path, path.name)
        if entry.kind == "zip":
            yield from _iter_zip(entry.data, "", nested=False, budget=_Budget(), label=path.name)
        else:
            yield entry
    else:
        yield Entry(path.name or str(path), error=NOT_FOUND)


def count_entries(path: Path) -> int:
    """About how many entries `iter_path(path)` yields, without reading any file: the files
    of a folder (an archive's members from its listing; an archive by its name, `.zip`) or of
    a .zip. For a progress display: reading may find more (an archive inside an archive)."""
    if path.is_dir():
        count = 0
        for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
            dirnames[:] = [name for name in dirnames if not is_skipped(name)]
            names = [name for name in filenames if not is_skipped(name)]
            count += sum(_listed_members(Path(dirpath) / name) for name in names)
        return count
    return _listed_members(path) if path.exists() else 1


def _listed_members(path: Path) -> int:
    """The files a .zip lists (1 for any other file, or an archive that cannot be listed)."""
    if path.suffix.lower() != ".zip":
        return 1
    try:
        with zipfile.ZipFile(path) as archive:
            return max(1, sum(not info.is_dir() for info in archive.infolist()))
    except (*ZIP_ERRORS, OSError):
        return 1


def _iter_folder(root: Path) -> Iterator[Entry]:
    """Every file under `root`, and an error entry for whatever cannot be read (a folder
    without permission, a path too long) instead of skipping it silently.

    Symbolic links are followed only when they lead to a file or folder inside the case (a
    folder link once, and not to one of its own ancestors); every other link is reported, not
    read."""
    real_root = _real(root)
    entered: set[Path] = set()  # folders entered through a link
    budget = _Budget()  # one for the whole case, however many archives it holds
    failures: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failures.append, followlinks=True):
        yield from (_folder_error(root, error) for error in failures)
        failures.clear()
        here = Path(dirpath)
        kept = []
        for name in dirnames:
            if is_skipped(name):
                continue
            error = _link_error(here / name, real_root)
            if not error and (here / name).is_symlink():
                target = _real(here / name)
                error = LINK_LOOP if target in entered else None
                entered.add(target)
            if error:
                yield Entry((here / name).relative_to(root).as_posix(), error=error)
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if is_skipped(name):
                continue
            full = here / name
            rel = full.relative_to(root).as_posix()
            error = _link_error(full, real_root)
            entry = Entry(rel, error=error) if error else _read_file(full, rel)
            if entry.kind == "zip":
                yield from _iter_zip(entry.data, entry.path, nested=True, budget=budget)
            else:
                yield entry
    yield from (_folder_error(root, error) for error in failures)


def _real(path: Path) -> Path:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path.absolute()


def _link_error(path: Path, real_root: Path) -> str | None:
    """Why a symbolic link at `path` is not followed (None when it is not a link, or leads
    inside the case and, for a folder, not to one of its own ancestors)."""
    try:
        if not path.is_symlink():
            return None
    except OSError as exc:
        return PATH_TOO_LONG if exc.errno == errno.ENAMETOOLONG else UNREADABLE
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return LINK_BROKEN
    if not target.is_relative_to(real_root):
        return LINK_OUTSIDE.format(target=target)
    if target.is_dir() and _real(path.parent).is_relative_to(target):
        return LINK_LOOP
    return None


def _folder_error(root: Path, error: OSError) -> Entry:
    where = Path(error.filename) if error.filename else root
    try:
        rel = where.relative_to(root).as_posix()
    except ValueError:
        rel = str(where)
    too_long = error.errno == errno.ENAMETOOLONG
    return Entry(rel or root.name, error=PATH_TOO_LONG if too_long else FOLDER_UNREADABLE)


def _read_file(full: Path, rel: str) -> Entry:
    """Read a file (opened for reading only) and sniff its kind."""
    try:
        info = full.stat()
        if not stat.S_ISREG(info.st_mode):  # a device or pipe would block or never end
            return Entry(rel, error=UNREADABLE)
        if info.st_size > MAX_FILE_BYTES:
            return Entry(rel, error=TOO_LARGE.format(limit=MAX_FILE_BYTES >> 20))
        data = full.read_bytes()
    except FileNotFoundError:
        return Entry(rel, error=VANISHED)
    except OSError as exc:
        return Entry(rel, error=PATH_TOO_LONG if exc.errno == errno.ENAMETOOLONG else UNREADABLE)
    return Entry(rel, data, _kind(data, rel))


def _iter_zip(
    data: bytes, prefix: str, nested: bool, budget: _Budget, label: str = ""
) -> Iterator[Entry]:
    """Members of an archive held in memory.

    `prefix` is the archive's path in the case ("" when the archive is the case itself);
    `label` names the archive in an error about the whole archive.
    """
    label = label or prefix
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        yield Entry(label, error=ZIP_DAMAGED)
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            yield Entry(label, error=ZIP_TOO_MANY.format(limit=MAX_MEMBERS))
            return
        for info in infos:
            raw = member_name(info)
            if raw.startswith("/") or re.match(r"[A-Za-z]:", raw) or ".." in raw.split("/"):
                path = f"{prefix}/{raw}" if prefix else raw
                yield Entry(path, error=ZIP_UNSAFE_PATH.format(name=raw))
                continue
            # `./x` (as bsdtar writes) and `a//b` name the same file as `x` and `a/b`.
            parts = [part for part in raw.split("/") if part not in ("", ".")]
            name = "/".join(parts)
            path = f"{prefix}/{name}" if prefix else name
            if not parts:
                continue
            if any(is_skipped(part) for part in parts):
                continue
            entry = _read_member(archive, info, path, budget)
            if entry.kind != "zip":
                yield entry
            elif nested:
                yield Entry(entry.path, error=ZIP_NESTED)
            else:
                yield from _iter_zip(entry.data, entry.path, nested=True, budget=budget)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, budget: _Budget
) -> Entry:
    error = _member_error(info, budget)
    if error:
        return Entry(path, error=error)
    try:
        with archive.open(info) as member:
            content = member.read(MAX_MEMBER_BYTES + 1)
    except ZIP_ERRORS:
        return Entry(path, error=ZIP_MEMBER_DAMAGED)
    budget.used += len(content)
    if len(content) > MAX_MEMBER_BYTES:
        return Entry(path, error=TOO_LARGE.format(limit=MAX_MEMBER_BYTES >> 20))
    return Entry(path, content, _kind(content, path))


def _kind(data: bytes, path: str) -> Kind:
    """The content's kind; a package named .ofd is read as OFD even without its OFD.xml (and so
    reported as a broken OFD file, not opened as an archive of the case)."""
    kind = sniff(data)
    return "ofd" if kind == "zip" and path.lower().endswith(".ofd") else kind


def _member_error(info: zipfile.ZipInfo, budget: _Budget) -> str | None:
    if info.flag_bits & 0x1:
        return ZIP_ENCRYPTED
    if info.file_size > MAX_MEMBER_BYTES:
        return TOO_LARGE.format(limit=MAX_MEMBER_BYTES >> 20)
    if info.file_size >= BOMB_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return ZIP_BOMB
    if budget.used + info.file_size > MAX_TOTAL_BYTES:
        return ZIP_TOTAL.format(limit=MAX_TOTAL_BYTES >> 20)
    return None


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, with `\\` as `/`; names not flagged UTF-8 are tried as UTF-8, then GBK.

    Zip tools on Chinese Windows store names in GBK without setting the UTF-8 flag (bit 11);
    Python then decodes them as cp437.
    """
    name = info.filename
    if not info.flag_bits & 0x800:
        for encoding in ("utf-8", "gbk"):
            try:
                name = info.filename.encode("cp437").decode(encoding)
                break
            except UnicodeError:
                continue
    return name.replace("\\", "/")
