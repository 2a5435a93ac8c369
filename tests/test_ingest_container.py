"""Case files as folders, zips and single files: order, skipped files, bad input, safety."""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from casecheck.ingest import (
    EMPTY,
    INTERNAL,
    LEGACY_WORD,
    LEGACY_WORD_MISNAMED,
    PASSWORD,
    container,
    natural_key,
    read_path,
)
from casecheck.ingest.container import (
    NOT_FOUND,
    UNREADABLE,
    ZIP_BOMB,
    ZIP_DAMAGED,
    ZIP_ENCRYPTED,
    ZIP_MEMBER_DAMAGED,
    ZIP_NESTED,
    ZIP_TOO_MANY,
    ZIP_UNSAFE_PATH,
    count_entries,
    iter_path,
)
from casecheck.ingest.ofd import DAMAGED as OFD_DAMAGED
from casecheck.ingest.txt_reader import UNDECODABLE
from tests.test_ingest_docx import make_decision_docx
from tests.test_ingest_pdf import PAGE_ONE, PAGE_TWO, make_pdf

RANDOM = bytes((i * 151 + 7) % 256 for i in range(4096))  # no format's signature
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
NOTICE = "行政处罚告知书\n当事人：青禾示例食品有限公司\n本机关拟对你单位罚款人民币伍万元整。\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _digest(root: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mtime of every file under `root`."""
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files
    }


def _read_unchanged(path: Path):
    before = _digest(path)
    case = read_path(path)
    assert _digest(path) == before
    return case


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    root = tmp_path / "案卷"
    (root / "证据").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "10送达回证.txt").write_text("送达回证\n受送达人：青禾示例食品有限公司\n", "utf-8")
    (root / "2询问笔录.docx").write_bytes(make_decision_docx())
    (root / "1立案审批表.txt").write_text(NOTICE, "gbk")
    (root / "证据" / "3现场检查笔录.pdf").write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    (root / "证据" / "20照片说明.txt").write_text(NOTICE, "utf-16")
    (root / ".casecheck-seeded.json").write_text('{"seeded": true}', "utf-8")
    (root / ".git" / "config").write_text("[core]", "utf-8")
    (root / "~$询问笔录.docx").write_bytes(b"\x0bowner" + b"\x00" * 100)
    (root / "Thumbs.db").write_bytes(OLE)
    (root / "desktop.ini").write_text("[.ShellClassInfo]", "utf-8")
    return root


def test_folder_order_ids_and_skipped_files(case_folder: Path) -> None:
    case = _read_unchanged(case_folder)
    assert case.path == str(case_folder)
    assert [d.path for d in case.documents] == [
        "1立案审批表.txt",
        "2询问笔录.docx",
        "10送达回证.txt",
        "证据/3现场检查笔录.pdf",
        "证据/20照片说明.txt",
    ]
    assert [d.id for d in case.documents] == ["D01", "D02", "D03", "D04", "D05"]
    assert all(d.errors == [] for d in case.documents)
    assert all(d.doc_type == "其他材料" and d.title == "" for d in case.documents)
    assert case.documents[0].text == NOTICE.rstrip("\n") + "\n"  # GBK decoded
    assert case.documents[4].text == case.documents[0].text  # UTF-16 decoded
    assert "清市监罚〔2025〕18号" in case.documents[3].text


@pytest.mark.parametrize(
    ("names", "ordered"),
    [
        (["10b.txt", "2a.txt", "1c.txt"], ["1c.txt", "2a.txt", "10b.txt"]),
        (["卷2/1.txt", "卷10/1.txt", "卷1/9.txt"], ["卷1/9.txt", "卷2/1.txt", "卷10/1.txt"]),
        (["B.txt", "a.txt"], ["a.txt", "B.txt"]),
        (["笔录２.txt", "笔录１０.txt", "1²2.txt"], ["1²2.txt", "笔录２.txt", "笔录１０.txt"]),
    ],
)
def test_natural_key(names: list[str], ordered: list[str]) -> None:
    assert sorted(names, key=natural_key) == ordered


def _zip(members: dict[str, bytes], utf8_names: bool = True) -> bytes:
    """A zip; with `utf8_names=False` names are GBK bytes without the UTF-8 flag, as zip tools
    on Chinese Windows write them (zipfile itself always flags non-ASCII names as UTF-8)."""
    out = io.BytesIO()
    placeholders: dict[bytes, bytes] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(members.items()):
            stored = name
            if not utf8_names and not name.isascii():
                raw = name.encode("gbk")
                stored = f"~{i:03d}".ljust(len(raw), "_")
                placeholders[stored.encode()] = raw
            archive.writestr(stored, data)
    data = out.getvalue()
    for placeholder, raw in placeholders.items():
        data = data.replace(placeholder, raw)
    return data


def test_zip_with_gbk_names_and_unsafe_member(tmp_path: Path) -> None:
    data = _zip(
        {
            "案卷/2询问笔录.docx": make_decision_docx(),
            "案卷/10送达回证.txt": NOTICE.encode("utf-8"),
            "../evil.txt": b"escape",
            "/etc/passwd.txt": b"absolute",
            "__MACOSX/案卷/._2询问笔录.docx": b"\x00\x05\x16\x07",
        },
        utf8_names=False,
    )
    path = tmp_path / "案卷.zip"
    path.write_bytes(data)
    case = _read_unchanged(path)
    by_path = {d.path: d for d in case.documents}
    assert set(by_path) == {
        "案卷/2询问笔录.docx",
        "案卷/10送达回证.txt",
        "../evil.txt",
        "/etc/passwd.txt",
    }
    assert by_path["../evil.txt"].errors == [ZIP_UNSAFE_PATH.format(name="../evil.txt")]
    assert by_path["../evil.txt"].text == ""
    assert by_path["案卷/2询问笔录.docx"].errors == []
    assert "罚款人民币伍万元整" in by_path["案卷/2询问笔录.docx"].text
    assert by_path["案卷/10送达回证.txt"].text.startswith("行政处罚告知书")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()


def test_nested_zip_read_one_level(tmp_path: Path) -> None:
    innermost = _zip({"深层.txt": b"deep"})
    inner = _zip({"补充笔录.txt": NOTICE.encode("utf-8"), "更深.zip": innermost})
    root = tmp_path / "案卷"
    root.mkdir()
    (root / "证据.zip").write_bytes(inner)
    case = _read_unchanged(root)
    by_path = {d.path: d for d in case.documents}
    assert by_path["证据.zip/补充笔录.txt"].text.startswith("行政处罚告知书")
    assert by_path["证据.zip/更深.zip"].errors == [ZIP_NESTED]

    top = tmp_path / "top.zip"
    top.write_bytes(_zip({"证据.zip": inner}))
    paths = [d.path for d in read_path(top).documents]
    assert paths == ["证据.zip/更深.zip", "证据.zip/补充笔录.txt"]


def test_zip_members_encrypted_or_corrupt(tmp_path: Path) -> None:
    members = {"加密笔录.txt": NOTICE, "损坏笔录.txt": NOTICE * 20, "告知书.txt": NOTICE}
    data = bytearray(_zip({name: text.encode() for name, text in members.items()}))
    # zipfile cannot write encrypted members: set the "encrypted" flag of the first one in its
    # local header (flags at +6) and central directory entry (flags at +8).
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + flags_at] |= 0x1
    # Flip a byte of the second member's compressed data: its CRC check then fails.
    name = "损坏笔录.txt".encode()
    data[data.index(name) + len(name) + 10] ^= 0xFF
    path = tmp_path / "案卷.zip"
    path.write_bytes(bytes(data))
    errors = {d.path: d.errors for d in read_path(path).documents}
    assert errors == {
        "加密笔录.txt": [ZIP_ENCRYPTED],
        "损坏笔录.txt": [ZIP_MEMBER_DAMAGED],
        "告知书.txt": [],
    }


def test_zip_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_MEMBERS", 3)
    path = tmp_path / "many.zip"
    path.write_bytes(_zip({f"{i}.txt": b"x" for i in range(4)}))
    assert [d.errors for d in read_path(path).documents] == [[ZIP_TOO_MANY.format(limit=3)]]

    # 2 MB of zeros compresses about 1000:1.
    monkeypatch.setattr(container, "BOMB_MIN_BYTES", 2**20)
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"bomb.txt": b"\x00" * 2 * 2**20, "ok.txt": b"fine"}))
    errors = {d.path: d.errors for d in read_path(path).documents}
    assert errors == {"bomb.txt": [ZIP_BOMB], "ok.txt": []}

    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", 10)
    path = tmp_path / "total.zip"
    path.write_bytes(_zip({"a.txt": b"12345678", "b.txt": b"12345678"}))
    errors = {d.path: d.errors for d in read_path(path).documents}
    assert errors["a.txt"] == [] and errors["b.txt"] == [container.ZIP_TOTAL.format(limit=0)]


def test_single_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_FILE_BYTES", 100)
    path = tmp_path / "大文件.pdf"
    path.write_bytes(make_pdf([PAGE_ONE]))
    (doc,) = read_path(path).documents
    assert doc.errors == [container.TOO_LARGE.format(limit=0)]


BAD_FILES = [
    ("空文件.docx", b"", EMPTY),
    ("空文件.pdf", b"", EMPTY),
    ("旧版.doc", OLE, LEGACY_WORD.format(ext=".doc")),
    ("旧版.wps", OLE, LEGACY_WORD.format(ext=".wps")),
    ("旧版改名.docx", OLE, LEGACY_WORD_MISNAMED),
    ("加密.docx", OLE + "EncryptedPackage".encode("utf-16-le"), PASSWORD),
    ("电子公文.ofd", _zip({"OFD.xml": b"<ofd:OFD/>"}), OFD_DAMAGED),
    (
        "照片.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
        "暂不支持图片文件（.jpg）",
    ),
    ("台账.xlsx", _zip({"xl/workbook.xml": b"<workbook/>"}), "暂不支持 .xlsx 格式的文件"),
    ("乱码.txt", bytes(range(128, 256)) * 8, UNDECODABLE),
    ("坏压缩包.zip", b"PK\x03\x04" + b"\x00" * 50, ZIP_DAMAGED),
    # random bytes under a readable format's name: damaged, not an unsupported format
    ("随机字节.docx", RANDOM, "文件已损坏，或不是真正的Word文档（内容与扩展名 .docx 不符）"),
    ("随机字节.pdf", RANDOM, "文件已损坏，或不是真正的PDF文件（内容与扩展名 .pdf 不符）"),
    (
        "表格改名.docx",
        _zip({"xl/workbook.xml": b"<workbook/>"}),
        "文件已损坏，或不是真正的Word文档",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_become_error_documents(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    case = _read_unchanged(path)
    (doc,) = case.documents
    assert doc.path == name
    assert doc.text == ""
    assert len(doc.errors) == 1 and doc.errors[0].startswith(message)
    assert CJK.search(doc.errors[0])


def test_bad_files_in_a_folder_do_not_stop_the_rest(tmp_path: Path) -> None:
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(data)
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    case = _read_unchanged(tmp_path)
    assert len(case.documents) == len(BAD_FILES) + 1
    good = [d for d in case.documents if not d.errors]
    assert [d.path for d in good] == ["告知书.txt"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("决定书.txt", make_pdf([PAGE_ONE])),  # a PDF named .txt
        ("决定书.doc", make_decision_docx()),  # a .docx named .doc
        ("决定书.pdf", NOTICE.encode("gbk")),  # text named .pdf
    ],
)
def test_mislabelled_files_are_read_by_content(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (doc,) = read_path(path).documents
    assert doc.errors == []
    assert doc.path == name
    assert CJK.search(doc.text)


def test_missing_path(tmp_path: Path) -> None:
    (doc,) = read_path(tmp_path / "不存在").documents
    assert doc.errors == [NOT_FOUND]


def test_file_the_os_refuses_to_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "锁定.pdf"
    locked.write_bytes(make_pdf([PAGE_ONE]))
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == locked.name:  # as Windows does for a file open in another program
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    errors = {d.path: d.errors for d in read_path(tmp_path).documents}
    assert errors == {"告知书.txt": [], "锁定.pdf": [UNREADABLE]}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_in_folder_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "管道.txt")  # reading it would block forever
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    errors = {d.path: d.errors for d in read_path(tmp_path).documents}
    assert errors == {"告知书.txt": [], "管道.txt": [UNREADABLE]}


def test_reader_failure_stays_in_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casecheck.ingest as ingest

    def broken(path: str, data: bytes):
        raise AttributeError("unexpected XML")

    monkeypatch.setattr(ingest, "read_docx", broken)
    (tmp_path / "决定书.docx").write_bytes(make_decision_docx())
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    errors = {d.path: d.errors for d in read_path(tmp_path).documents}
    assert errors == {
        "告知书.txt": [],
        "决定书.docx": [INTERNAL.format(error="AttributeError")],
    }


def test_count_entries_counts_what_reading_yields_without_reading(tmp_path: Path) -> None:
    case = tmp_path / "案卷"
    (case / "证据").mkdir(parents=True)
    (case / "01 立案审批表.txt").write_text("立案审批表", encoding="utf-8")
    (case / ".hidden.txt").write_text("x", encoding="utf-8")
    (case / "~$草稿.docx").write_bytes(b"lock")
    with zipfile.ZipFile(case / "证据" / "补充.zip", "w") as archive:
        archive.writestr("询问笔录.txt", "询问笔录")
        archive.writestr("照片/说明.txt", "说明")
        archive.writestr("照片/", "")
    assert count_entries(case) == len(list(iter_path(case))) == 3
    assert count_entries(case / "证据" / "补充.zip") == 2
    assert count_entries(case / "01 立案审批表.txt") == 1
