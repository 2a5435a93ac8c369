"""Mutation fuzzing of the readers: mutate small valid files for N seconds, report crashes.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/fuzz_readers.py [--seconds 60] [--seed 1]
        [--out crashes/] [FILE ...]

Seeds are a small .docx, .pdf, GBK .txt and .zip made here from invented text, plus any FILE
given. Each round mutates one seed (bit flips, byte runs, cuts, duplicated or spliced chunks;
for a .docx also its document.xml inside a valid zip) or changes its structure (`SHAPES`:
table spans and merges, added and oversized parts, one picture placed many times, PDF page
boxes, content streams and compression, member names) and reads it with `read_document`
with OCR off. A crash is an exception escaping a reader, caught by `read_document`'s last-resort
handler (its "文件内容异常" message), or a broken invariant (offsets outside the text). Each
crashing input is saved to --out for a regression file in tests/fuzz/; a round slower than
--slow seconds is reported too.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from casecheck.ingest import INTERNAL, ReadOptions, read_document
from casecheck.ingest.container import Entry
from casecheck.ingest.sniff import sniff
from casecheck.model import Document

LINES = [
    "青禾市示例区市场监督管理局",
    "行政处罚决定书",
    "青示市监罚〔2026〕12号",
    "当事人：青禾示例商贸有限公司",
    "经查，当事人于2026年2月3日销售过期食品，货值金额人民币300元。",
    "决定罚款人民币伍仟元整（5000元）。",
]


def seed_docx() -> bytes:
    document = docx.Document()
    for line in LINES[:3]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "证据", "现场检查笔录"
    table.cell(1, 0).merge(table.cell(1, 1)).text = LINES[4]
    document.sections[0].footer.paragraphs[0].text = "第1页 共1页"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_pdf() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(2):
        pdf.setFont("STSong-Light", 14)
        for row, line in enumerate(LINES):
            pdf.drawString(72, 760 - 24 * row, line)
        pdf.drawString(280, 40, f"第{page + 1}页 共2页")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def seeds() -> dict[str, bytes]:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("决定书.txt", "\n".join(LINES))
    return {
        "seed.docx": seed_docx(),
        "seed.pdf": seed_pdf(),
        "seed.txt": "\r\n".join(LINES).encode("gbk"),
        "seed.zip": archive.getvalue(),
    }


def _flip(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _bytes(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data))
    special = [b"\x00", b"\xff", b"0", b"9999999999", b"-1", b"<", b">", b"/", b"(", b")"]
    data[at : at + rng.randint(1, 4)] = rng.choice(special) * rng.randint(1, 3)


def _cut(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    del data[start : start + rng.randint(1, max(1, len(data) // 8))]


def _duplicate(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 256)]
    at = rng.randrange(len(data))
    data[at:at] = chunk * rng.randint(1, 4)


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(len(data)) :]


MUTATORS: list[Callable[[bytearray, random.Random], None]] = [
    _flip,
    _bytes,
    _cut,
    _duplicate,
    _truncate,
]


def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            return {info.filename: source.read(info) for info in source.infolist()}
    except Exception:
        return None


def _pack(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member, body in members.items():
            target.writestr(member, body)
    return out.getvalue()


_HUGE = [0, -1, 1, 2, 63, 10**6, 2**31 - 1, 2**31, 2**63, 10**30]


def shape_docx_table(data: bytes, rng: random.Random) -> bytes:
    """Table cells with spans and vertical merges of any size, and long merge chains."""
    members = _members(data)
    if not members or "word/document.xml" not in members:
        return data
    xml = members["word/document.xml"].decode("utf-8", "replace")
    cells = [m.start() for m in re.finditer(r"<w:tc>", xml)]
    if not cells:
        return data
    at = rng.choice(cells) + len("<w:tc>")
    span = f'<w:tcPr><w:gridSpan w:val="{rng.choice([*_HUGE, "x", ""])}"/></w:tcPr>'
    merge = '<w:tcPr><w:vMerge w:val="{}"/></w:tcPr>'.format(rng.choice(["restart", "continue"]))
    xml = xml[:at] + rng.choice([span, merge]) + xml[at:]
    if rng.random() < 0.5:  # many more rows, each continuing a merge
        row = re.search(r"<w:tr[ >].*?</w:tr>", xml, re.S)
        if row:
            chain = row.group().replace("<w:tc>", "<w:tc><w:tcPr><w:vMerge/></w:tcPr>", 1)
            xml = xml[: row.end()] + chain * rng.randint(10, 2000) + xml[row.end() :]
    members["word/document.xml"] = xml.encode("utf-8")
    return _pack(members)


_DANGLING = (
    b'<Relationship Id="rIdX" Target="media/none.png" Type="http://schemas.openxmlformats.org'
    b'/officeDocument/2006/relationships/image"/></Relationships>'
)


def shape_docx_parts(data: bytes, rng: random.Random) -> bytes:
    """Extra, oversized or highly compressible parts, and one picture referenced many times."""
    members = _members(data)
    if not members:
        return data
    choice = rng.randrange(3)
    if choice == 0:
        members[f"word/media/image{rng.randint(1, 9)}.png"] = bytes(
            rng.choice([1, 2**20, 11 * 2**20])
        )
    elif choice == 1 and "word/document.xml" in members:
        xml = members["word/document.xml"]
        members["word/document.xml"] = xml.replace(
            b"</w:body>", b"<w:p/>" * rng.randint(1, 400_000) + b"</w:body>", 1
        )
    else:
        rels = members.get("word/_rels/document.xml.rels", b"")
        members["word/_rels/document.xml.rels"] = rels.replace(b"</Relationships>", _DANGLING)
    return _pack(members)


def shape_pdf_boxes(data: bytes, rng: random.Random) -> bytes:
    """Page boxes of any size: huge, negative, empty, not numbers."""
    box = rng.choice(
        [
            b"[0 0 14400 14400]",
            b"[0 0 -595 842]",
            b"[0 0 0 0]",
            b"[0 0 1e30 1e30]",
            b"[0 0 595]",
            b"[/a /b /c /d]",
            b"[0 0 200000 200000]",
        ]
    )
    return re.sub(rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox " + box, data, count=rng.randint(1, 2))


def shape_pdf_streams(data: bytes, rng: random.Random) -> bytes:
    """Content streams replaced by compressed drawing (a small Flate bomb of repeated
    operators) or by garbage with a wrong /Length."""
    match = re.search(rb"<<[^<>]*/Length\s+\d+[^<>]*>>\s*stream\r?\n", data)
    if not match:
        return data
    end = data.find(b"endstream", match.end())
    if end < 0:
        return data
    drawing = b"0 0 m 100 100 l S " * rng.randint(1, 200_000)
    body = (
        zlib.compress(drawing, 9)
        if rng.random() < 0.8
        else bytes(rng.randrange(256) for _ in range(64))
    )
    length = len(body) if rng.random() < 0.8 else rng.choice(_HUGE)
    head = f"<< /Length {length} /Filter /FlateDecode >>\nstream\n".encode()
    return data[: match.start()] + head + body + b"\nendstream" + data[end + len(b"endstream") :]


NAMES = [
    "./决定书.txt",
    "a//b.txt",
    "../up.txt",
    "/abs.txt",
    "C:/x.txt",
    "\x1b[31m红.txt",
    "空格 .txt",
    "\u200b.txt",
    "笔录\x00.txt",
]


def shape_names(data: bytes, rng: random.Random) -> bytes:
    """A zip whose members have odd names: `./`, empty parts, traversal, control characters,
    GBK bytes without the UTF-8 flag."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for n in range(rng.randint(1, 4)):
            info = zipfile.ZipInfo(rng.choice(NAMES).replace("\x00", "") + str(n))
            if rng.random() < 0.3:  # GBK bytes, read as cp437 by zipfile
                info.filename = f"决定书{n}.txt".encode("gbk").decode("cp437")
            target.writestr(info, "\n".join(LINES).encode("utf-8"))
    return out.getvalue()


SHAPES: dict[str, list[Callable[[bytes, random.Random], bytes]]] = {
    ".docx": [shape_docx_table, shape_docx_parts],
    ".pdf": [shape_pdf_boxes, shape_pdf_streams],
    ".zip": [shape_names],
}


def mutate(data: bytes, rng: random.Random, others: list[bytes], suffix: str = "") -> bytes:
    if SHAPES.get(suffix) and rng.random() < 0.3:
        return rng.choice(SHAPES[suffix])(data, rng)
    if data.startswith(b"PK") and rng.random() < 0.5:
        return _mutate_zip_member(data, rng)
    out = bytearray(data)
    if rng.random() < 0.05 and others:  # splice with another seed
        other = rng.choice(others)
        out = out[: rng.randrange(len(out))] + other[rng.randrange(len(other)) :]
    for _ in range(rng.randint(1, 3)):
        if out:
            rng.choice(MUTATORS)(out, rng)
    return bytes(out)


def _mutate_zip_member(data: bytes, rng: random.Random) -> bytes:
    """Mutate one member's content and re-pack it, so the zip layer stays valid."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = {info.filename: source.read(info) for info in source.infolist()}
    except Exception:
        return data
    name = rng.choice(sorted(members))
    if "word/document.xml" in members and rng.random() < 0.7:
        name = "word/document.xml"
    content = bytearray(members[name])
    for _ in range(rng.randint(1, 4)):
        if content:
            rng.choice(MUTATORS)(content, rng)
    members[name] = bytes(content)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member, body in members.items():
            target.writestr(member, body)
    return out.getvalue()


def problem(document: Document) -> str | None:
    """What is wrong with a reader's result, or None."""
    if any(error.startswith(INTERNAL.split("（")[0]) for error in document.errors):
        return f"reader raised: {document.errors}"
    n = len(document.text)
    spans = [(p.start, p.end) for p in document.pages] + [(b.start, b.end) for b in document.blocks]
    if any(not 0 <= start <= end <= n for start, end in spans):
        return "offset outside the text"
    if any(a.end > b.start for a, b in zip(document.pages, document.pages[1:], strict=False)):
        return "pages overlap"
    return None


def _read_zip(data: bytes, options: ReadOptions) -> list[Document]:
    """Every document of a zip case, through the container (member names and all)."""
    import tempfile

    from casecheck.ingest import read_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "case.zip")
        path.write_bytes(data)
        return read_path(path, options).documents


def run(seconds: float, rng_seed: int, out: Path, extra: list[Path], slow: float) -> int:
    corpus = seeds()
    corpus.update({p.name: p.read_bytes() for p in extra})
    names = sorted(corpus)
    rng = random.Random(rng_seed)
    options = ReadOptions(ocr=False)
    deadline = time.monotonic() + seconds
    rounds = crashes = 0
    while time.monotonic() < deadline:
        name = rng.choice(names)
        suffix = Path(name).suffix
        data = mutate(corpus[name], rng, [corpus[n] for n in names if n != name], suffix)
        started = time.monotonic()
        try:
            if suffix == ".zip":
                found = next(filter(None, map(problem, _read_zip(data, options))), None)
            else:
                found = problem(read_document(Entry(f"fuzz{suffix}", data, sniff(data)), options))
        except Exception:
            found = "escaped: " + traceback.format_exc(limit=3)
        took = time.monotonic() - started
        if found is None and took > slow:
            found = f"slow: {took:.1f} s"
        rounds += 1
        if found:
            crashes += 1
            out.mkdir(parents=True, exist_ok=True)
            saved = out / f"crash-{rounds:06d}{suffix}"
            saved.write_bytes(data)
            print(f"{saved}: {found}")
    print(f"{rounds} inputs in {seconds:.0f} s, {crashes} problems")
    return 1 if crashes else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="more seed files")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--slow", type=float, default=5.0)
    args = parser.parse_args()
    return run(args.seconds, args.seed, args.out, args.files, args.slow)


if __name__ == "__main__":
    raise SystemExit(main())
