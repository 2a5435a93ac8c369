"""OFD reading and page images (not a test): the sample penalty decision as a text-layer PDF and
as its OFD twin (the same characters at the same places, an electronic seal on the last page),
and a dense 100-page OFD; read time per page against the PDF reader, and the time to draw pages
for the app's page view.

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_ofd.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2

from casecheck.ingest.ofd import as_pdf, has_cjk_font, load_pages, read_ofd, render_page
from casecheck.ingest.pdf_reader import read_pdf
from casecheck.samples.facts import make_facts
from casecheck.samples.generator import build_documents
from casecheck.samples.render import write_pdf
from tests.ofd_writer import OfdSpec, Run, Seal, ofd_from_pdf, write_ofd


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    docs, _ = build_documents(make_facts(0, frozenset()))
    decision = next(d for d in docs if d.doc_type == "行政处罚决定书")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "决定书.pdf"
        write_pdf(decision, path)
        pdf = path.read_bytes()
    pages = len(pypdfium2.PdfDocument(pdf))
    ofd = ofd_from_pdf(pdf, [Seal(pages - 1, 120, 60)])
    line = "经查，当事人于二〇二五年三月五日在其经营场所销售超过保质期的预包装食品。"
    dense = write_ofd(
        OfdSpec([[Run(line, 20, 30 + 8 * i, 4.5) for i in range(30)] for _ in range(100)])
    )
    first = load_pages(ofd)[0]
    rows = [
        ("decision, PDF reader (incl. seal search)", pages, median_seconds(
            lambda: read_pdf("d.pdf", pdf), 20) / pages),
        ("decision, OFD reader", pages, median_seconds(lambda: read_ofd("d.ofd", ofd), 20) / pages),
        ("dense OFD, 30 lines × 36 characters a page", 100, median_seconds(
            lambda: read_ofd("b.ofd", dense), 3) / 100),
        ("page image at 110 dpi (render_page)", 1, median_seconds(
            lambda: render_page(first), 5)),
        ("decision as a PDF of page images (ofd_as_pdf)", pages, median_seconds(
            lambda: as_pdf(ofd), 3) / pages),
    ]  # fmt: skip
    print(f"CJK font for page images: {'yes' if has_cjk_font() else 'no (boxes)'}")
    print("| work | pages | ms a page |\n|---|---|---|")
    for name, count, seconds in rows:
        print(f"| {name} | {count} | {seconds * 1000:.1f} |")


if __name__ == "__main__":
    main()
