"""Hostile and awkward input, each made in the test: every bad file becomes an error document
with a Chinese message, memory stays bounded, and the rest of the case is still read."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from casecheck.ingest import ReadOptions, read_document, read_path
from casecheck.ingest.container import VANISHED, ZIP_BOMB, ZIP_UNSAFE_PATH, iter_path
from casecheck.ingest.docx_reader import HAS_DTD
from casecheck.ingest.normalize import TOO_MUCH_TEXT
from casecheck.ingest.pdf_reader import MAX_PAGES, TIMEOUT, TOO_MANY_PAGES

REPO = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
NOTICE = "行政处罚告知书\n当事人：青禾示例商贸有限公司\n拟罚款人民币贰仟元整（2000元）。"


def peak_rss_mb(code: str) -> tuple[dict, float]:
    """Run `code` (which prints one JSON line) in a fresh interpreter; its output and peak
    resident memory in MB, so native allocations (pdfium, libxml2) count too. The peak is
    the address space's high-water mark (VmHWM), which, unlike getrusage's ru_maxrss, does
    not start from the forking parent's size."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs Linux /proc")
    probe = (
        f"{code}\nimport re\n"
        "print(int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]) / 1024)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    *lines, peak = result.stdout.strip().splitlines()
    return json.loads(lines[-1]), float(peak)


def read_in_child(path: Path) -> str:
    return (
        "import json\nfrom pathlib import Path\nfrom casecheck.ingest import read_path\n"
        f"case = read_path(Path({str(path)!r}))\n"
        "print(json.dumps({d.path: d.errors for d in case.documents}, ensure_ascii=False))"
    )


def test_zip_bomb_is_refused_without_inflating(tmp_path: Path) -> None:
    path = tmp_path / "案卷.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("炸弹.txt", "w") as member:  # 64 MB of zeros, about 64 KB packed
            for _ in range(64):
                member.write(bytes(2**20))
        archive.writestr("告知书.txt", NOTICE)
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        case = read_path(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert {d.path: d.errors for d in case.documents} == {"炸弹.txt": [ZIP_BOMB], "告知书.txt": []}
    assert peak < 8 * 2**20


def test_zip_path_traversal_is_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "案卷.zip"
    names = ["../../逃逸.txt", "/etc/绝对.txt", "C:/Windows/盘符.txt", "证据/../../上级.txt"]
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, NOTICE)
        archive.writestr("证据/告知书.txt", NOTICE)
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    case = read_path(path)
    errors = {d.path: d.errors for d in case.documents}
    assert errors.pop("证据/告知书.txt") == []
    assert errors == {name: [ZIP_UNSAFE_PATH.format(name=name)] for name in names}
    # Nothing was extracted anywhere.
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["案卷.zip"]


def _docx_with_document_xml(xml: str) -> bytes:
    word = docx.Document()
    word.add_paragraph("占位")
    plain = io.BytesIO()
    word.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, xml if name == "word/document.xml" else src.read(name))
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_xml(dtd: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE w:document [{dtd}]>"
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )


def test_billion_laughs_docx_is_not_expanded(tmp_path: Path) -> None:
    # lol9 would expand to 10^9 copies of "lol" (3 GB).
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    dtd = "".join(entities)
    path = tmp_path / "决定书.docx"
    path.write_bytes(_docx_with_document_xml(_document_xml(dtd, "开头&lol9;结尾")))
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    errors, peak_mb = peak_rss_mb(read_in_child(tmp_path))
    assert errors == {"决定书.docx": [HAS_DTD], "告知书.txt": []}
    assert peak_mb < 500


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", "utf-8")
    xml = _document_xml(f'<!ENTITY s SYSTEM "{secret.as_uri()}">', "开头&s;结尾")
    path = tmp_path / "决定书.docx"
    path.write_bytes(_docx_with_document_xml(xml))
    (doc,) = read_path(path).documents
    assert doc.errors == [HAS_DTD]
    assert "机密" not in doc.text


def _pdf_pages(count: int) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for n in range(count):
        pdf.drawString(72, 720, f"Page {n + 1}: evidence list, item {n + 1}, nothing else here.")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_two_thousand_page_pdf_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "卷宗.pdf"
    path.write_bytes(_pdf_pages(2000))
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    errors, peak_mb = peak_rss_mb(read_in_child(tmp_path))
    too_many = TOO_MANY_PAGES.format(pages=2000, limit=MAX_PAGES)
    assert errors == {"卷宗.pdf": [too_many], "告知书.txt": []}
    assert peak_mb < 500


def test_pdf_reading_has_a_time_cap(tmp_path: Path) -> None:
    path = tmp_path / "卷宗.pdf"
    path.write_bytes(_pdf_pages(5))
    (doc,) = read_path(path, ReadOptions(file_seconds=0)).documents
    assert doc.errors == [TIMEOUT.format(seconds=0)] and doc.text == ""
    (doc,) = read_path(path, ReadOptions(file_seconds=60)).documents
    assert doc.errors == [] and len(doc.pages) == 5


def test_fifty_megabyte_text_file(tmp_path: Path) -> None:
    path = tmp_path / "巨大.txt"
    line = ("当事人青禾示例商贸有限公司于二〇二六年销售过期食品。" * 4 + "\n").encode()
    with path.open("wb") as out:
        for _ in range(50 * 2**20 // len(line) + 1):
            out.write(line)
    assert path.stat().st_size >= 50 * 2**20
    (tmp_path / "告知书.txt").write_text(NOTICE, "utf-8")
    errors, peak_mb = peak_rss_mb(read_in_child(tmp_path))
    assert errors == {"巨大.txt": [TOO_MUCH_TEXT], "告知书.txt": []}
    assert peak_mb < 1000


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "告知书.txt"
    path.write_bytes(NOTICE.replace("\n", "\r\n").encode(encoding))
    (doc,) = read_path(path).documents
    assert doc.errors == []
    assert doc.text == NOTICE


def test_names_with_spaces_and_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "案卷 一（2026）" / "证据 材料"
    folder.mkdir(parents=True)
    (folder / "行政处罚 告知书 (1).txt").write_text(NOTICE, "utf-8")
    (folder / "询问笔录　第二次.txt").write_text("询问笔录\n问：姓名？\n答：张三。", "utf-8")
    case = read_path(tmp_path / "案卷 一（2026）")
    assert [(d.path, d.errors) for d in case.documents] == [
        ("证据 材料/行政处罚 告知书 (1).txt", []),
        ("证据 材料/询问笔录　第二次.txt", []),
    ]


def test_read_only_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    path = folder / "告知书.txt"
    path.write_text(NOTICE, "utf-8")
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        (doc,) = read_path(folder).documents
        assert doc.errors == [] and doc.text == NOTICE
        assert (path.stat().st_mode & 0o777, folder.stat().st_mode & 0o777) == (0o444, 0o555)
    finally:
        folder.chmod(0o755)


def test_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    for name in ("1告知书.txt", "2决定书.txt", "3送达回证.txt"):
        (tmp_path / name).write_text(NOTICE, "utf-8")
    entries = iter_path(tmp_path)  # lists the folder, reads each file when it is reached
    first = next(entries)
    gone = next(n for n in ("1告知书.txt", "2决定书.txt", "3送达回证.txt") if n != first.path)
    (tmp_path / gone).unlink()
    documents = {d.path: d.errors for d in map(read_document, [first, *entries])}
    assert documents.pop(gone) == [VANISHED]
    assert list(documents.values()) == [[], []]
    assert CJK.search(VANISHED)
