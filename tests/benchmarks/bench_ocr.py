"""Benchmark of OCR on scanned pages: CPU seconds per page and character accuracy.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_ocr.py [--configs before,after]
        [--repeat N] [--out tests/benchmarks/results/ocr.json]

Three page sets, each read through `read_path` as the product reads a scanned PDF:
- `synthetic`: decision and record pages written for this benchmark (fictional parties),
  rendered with a CJK font at 300 dpi, turned by under a degree, blurred, noised and stored as
  JPEG in an image-only PDF, one page with a red seal over the text; the truth is the text.
- `corpus-raster`: the pages of real text-layer decisions in ../shared/corpus rasterised and
  degraded the same way at 200 dpi; the truth is their text layer (page numbers dropped).
- `corpus-scan`: the real scanned decisions of ../shared/corpus (no text layer); they have no
  text twin, so only CPU time is measured, and which of a few facts of the file are read.
Accuracy is 1 − CER: one minus the edit distance between OCR text and truth divided by the
truth's length, whitespace ignored. CPU time is that of the whole process (all threads,
`getrusage`), so other programs on the machine do not count; wall time is printed too, but it
depends on what else runs. Each configuration runs in a fresh process, with an empty OCR
cache; "cached" is a second read of the same files with the cache filled.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from casecheck.ingest.ocr import OcrSettings

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "decisions" / "tax_chinatax"
RESULTS = REPO / "tests" / "benchmarks" / "results" / "ocr.json"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# Real text-layer decisions rasterised as scans, and real scans with facts they show.
RASTER_FILES = ["税务处理决定书_常税稽处[2026]73号.pdf", "税务处理决定书_二税稽处[2025]1号.pdf"]
SCAN_FACTS = {
    "税务处理决定书_常税稽处[2026]71号.pdf": [
        r"常税稽处[〔\[（(]2026[〕\]）)]71号",
        r"二〇二六年三月二日",
        r"税务处理决定书",
    ]
}

# Pages written for this benchmark: (font size in points, whether long lines are a
# paragraph's lines, to be joined and wrapped at the page's width; lines). Parties and places are
# made up.
SYNTHETIC_PAGES: list[tuple[float, bool, list[str]]] = [
    (
        14,
        True,
        [
            "青禾市市场监督管理局",
            "行政处罚决定书",
            "青市监处罚〔2025〕117号",
            "当事人：青禾市绿源粮油贸易有限公司",
            "统一社会信用代码：91330100MA2H7K3Q5X",
            "住所：青禾市临江区望湖路218号3幢101室",
            "法定代表人：陈立群",
            "    2025年4月9日，本局执法人员对当事人位于临江区望湖路的经营场所进行检查，发现",
            "其仓库内存放的一批标称“金穗牌”大豆油（5升/桶）共计46桶，标签标注的生产日期为",
            "2023年9月2日，保质期18个月，已超过保质期。当事人当场无法提供该批商品的进货查验",
            "记录。执法人员对上述商品依法实施了扣押，并制作了现场笔录。",
            "    经查，当事人于2024年12月从外省某经销商处购进上述大豆油60桶，进货单价为每桶",
            "人民币68.50元，已按每桶人民币79.00元售出14桶，违法所得为人民币147.00元，剩余",
            "46桶尚未售出，货值金额为人民币3634.00元。",
        ],
    ),
    (
        14,
        True,
        [
            "    以上事实有下列证据证明：1.现场笔录一份；2.询问笔录两份；3.扣押物品清单一份；",
            "4.进货凭证复印件三页；5.当事人营业执照复印件一份；6.现场照片十二张。",
            "    本局认为，当事人经营超过保质期的食品，违反了《中华人民共和国食品安全法》第三",
            "十四条第（十）项的规定。依据该法第一百二十四条第一款第（五）项的规定，本局于",
            "2025年5月20日向当事人送达了《行政处罚告知书》，告知其拟作出行政处罚的事实、理由",
            "及依据，以及依法享有的陈述、申辩和要求听证的权利。当事人在法定期限内未提出陈述",
            "申辩，也未要求听证。",
            "    鉴于当事人积极配合调查，如实陈述违法事实，主动提供证据材料，依据《中华人民共",
            "和国行政处罚法》第三十二条第（三）项的规定，可以从轻处罚。综上，本局决定：",
            "    一、没收超过保质期的大豆油46桶；",
            "    二、没收违法所得人民币147.00元；",
            "    三、罚款人民币伍万元整（50000元）。",
        ],
    ),
    (
        14,
        True,
        [
            "    当事人应当自收到本决定书之日起十五日内，将罚没款缴至指定银行账户。逾期不缴纳",
            "罚款的，本局可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款本身",
            "的数额。",
            "    当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向青禾市人民政府申请",
            "行政复议，也可以在六个月内依法向临江区人民法院提起行政诉讼。申请行政复议或者提",
            "起行政诉讼期间，本处罚决定不停止执行。",
            "青禾市市场监督管理局",
            "二〇二五年六月三日",
        ],
    ),
    (
        10.5,
        False,
        [
            "询问笔录",
            "时间：2025年4月10日9时30分至10时45分    地点：青禾市市场监督管理局临江分局",
            "询问人：王海峰、刘思远    执法证号：33010023017、33010023042    记录人：刘思远",
            "被询问人：陈立群    性别：男    身份证号码：330102197803154417",
            "工作单位及职务：青禾市绿源粮油贸易有限公司  总经理    联系电话：13805716238",
            "问：我们是青禾市市场监督管理局的执法人员，现向你出示执法证件，你是否看清楚？",
            "答：看清楚了。",
            "问：你有陈述、申辩的权利，对与案件无关的问题有拒绝回答的权利，你是否清楚？",
            "答：清楚。",
            "问：请说明你公司仓库内那批大豆油的来源。",
            "答：是去年12月份从一个外地经销商那里进的货，一共60桶，当时没仔细看生产日期。",
            "问：这批油已经卖出去多少？售价多少？",
            "答：卖了14桶，每桶79元，剩下的46桶都在仓库里，就是你们昨天扣押的那些。",
            "问：你公司是否建立了进货查验记录制度？",
            "答：有制度，但是这批货没有登记，票据我回去找一下，找到后马上交给你们。",
            "问：以上笔录你看一下，如无误请签名。",
            "答：以上笔录我看过，和我说的一样。",
        ],
    ),
]
# Source lines this long continue on the next source line.
PARAGRAPH_LINE = 36
# The page that carries a red seal over its last lines.
SEALED_PAGE = 2


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(found: str, truth: str) -> tuple[int, int]:
    """(edit distance, truth length), whitespace ignored."""
    found, truth = compact(found), compact(truth)
    return edit_distance(found, truth), len(truth)


def degrade(image: Image.Image, rng: np.random.Generator, dpi: int) -> Image.Image:
    """What a desk scanner does to a page: a slight turn, blur, grey paper and sensor noise."""
    angle = float(rng.uniform(-0.8, 0.8))
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=(255, 255, 255))
    image = image.filter(ImageFilter.GaussianBlur(radius=0.35 * dpi / 200))
    pixels = np.asarray(image).astype(np.float32) * 0.92 + 8
    pixels += rng.normal(0, 9, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def draw_seal(draw: ImageDraw.ImageDraw, centre: tuple[int, int], dpi: int) -> None:
    radius = int(21 / 25.4 * dpi)
    x, y = centre
    width = max(2, int(1.2 / 25.4 * dpi))
    draw.ellipse(
        (x - radius, y - radius, x + radius, y + radius), outline=(220, 40, 50), width=width
    )
    star = radius // 4
    draw.regular_polygon((x, y, star), 5, fill=(220, 40, 50))


def synthetic_pdf(dpi: int, seed: int = 7) -> tuple[bytes, list[str]]:
    """The synthetic pages as an image-only PDF, and each page's text."""
    rng = np.random.default_rng(seed)
    width, height = int(210 / 25.4 * dpi), int(297 / 25.4 * dpi)
    margin = int(25 / 25.4 * dpi)
    images, truths = [], []
    for number, (points, running, lines) in enumerate(SYNTHETIC_PAGES):
        size = round(points * dpi / 72)
        font = ImageFont.truetype(str(FONT), size)
        page = Image.new("RGB", (width, height), (255, 255, 255))
        draw = ImageDraw.Draw(page)
        y = margin
        for line in _paragraphs(lines) if running else lines:
            for row in _wrap(line, font, width - 2 * margin):
                draw.text((margin, y), row, font=font, fill=(25, 25, 25))
                y += int(size * 1.75)
        if number == SEALED_PAGE:
            draw_seal(draw, (margin + 6 * size, y - 2 * size), dpi)
        images.append(degrade(page, rng, dpi))
        truths.append("".join(lines))
    return _image_pdf(images, dpi), truths


def raster_pdf(data: bytes, dpi: int, seed: int = 11) -> tuple[bytes, list[str]]:
    """A text PDF rasterised and degraded like a scan, and each page's text layer."""
    from casecheck.ingest.pdf_reader import page_mark_lines

    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(data)
    images, truths = [], []
    for index in range(len(pdf)):
        page = pdf[index]
        images.append(degrade(page.render(scale=dpi / 72).to_pil().convert("RGB"), rng, dpi))
        lines = page.get_textpage().get_text_range().replace("\r", "").split("\n")
        marks = page_mark_lines(lines, index + 1)
        truths.append("".join(line for i, line in enumerate(lines) if i not in marks))
    return _image_pdf(images, dpi), truths


def _paragraphs(lines: list[str]) -> list[str]:
    """The lines of SYNTHETIC_PAGES with a paragraph's lines (each but its last at least
    PARAGRAPH_LINE characters long) joined, to be wrapped at the page's width."""
    joined: list[str] = []
    previous = ""
    for line in lines:
        if joined and len(previous) >= PARAGRAPH_LINE and not line.startswith(" "):
            joined[-1] += line
        else:
            joined.append(line)
        previous = line
    return joined


def _wrap(line: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    rows = [""]
    for char in line:
        if rows[-1] and font.getlength(rows[-1] + char) > width:
            rows.append("")
        rows[-1] += char
    return rows


def _image_pdf(images: list[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def page_sets(folder: Path) -> list[tuple[str, Path, list[str] | None]]:
    """(set name, image-only PDF, truth per page or None) for every page set available."""
    sets: list[tuple[str, Path, list[str] | None]] = []
    data, truths = synthetic_pdf(300)
    path = folder / "synthetic.pdf"
    path.write_bytes(data)
    sets.append(("synthetic", path, truths))
    for name in RASTER_FILES:
        if (CORPUS / name).exists():
            data, truths = raster_pdf((CORPUS / name).read_bytes(), 200)
            path = folder / f"raster-{name}"
            path.write_bytes(data)
            sets.append(("corpus-raster", path, truths))
    for name in SCAN_FACTS:
        if (CORPUS / name).exists():
            sets.append(("corpus-scan", CORPUS / name, None))
    return sets


# Configurations: changes to the settings before ("before": the pipeline as it was) or to
# the settings in use ("after"), each measured on its own.
CONFIGS: dict[str, tuple[str, dict]] = {
    "before": ("BEFORE", {}),
    "before+det960max": ("BEFORE", {"det_limit_type": "max", "det_limit_side": 960}),
    "before+det960max-cls": (
        "BEFORE",
        {"det_limit_type": "max", "det_limit_side": 960, "use_cls": False},
    ),
    "after-150dpi": ("SETTINGS", {"dpi": 150}),
    "after-det736max": ("SETTINGS", {"det_limit_side": 736}),
    "after-det1280max": ("SETTINGS", {"det_limit_side": 1280}),
    "after-recbatch6": ("SETTINGS", {"rec_batch": 6}),
    "after-noarena": ("SETTINGS", {"mem_arena": False}),
    "after-2threads-1worker": ("SETTINGS", {"threads": 0, "workers": 1}),
    "after": ("SETTINGS", {}),
}


def settings_of(name: str) -> OcrSettings:
    from casecheck.ingest import ocr

    base, changes = CONFIGS[name]
    return replace(getattr(ocr, base), **changes)


def run_config(name: str, sets: list[tuple[str, Path, list[str] | None]], repeat: int) -> dict:
    """Read every page set with one configuration (in this process)."""
    from casecheck.ingest import ReadOptions, isolation, ocr, read_path

    # read in this process: the configuration applies, and its CPU time is this process's
    isolation.ENABLED = False
    settings = settings_of(name)
    ocr.configure(settings)
    start = cpu_seconds()
    ocr.recognize(np.full((64, 64, 3), 255, dtype=np.uint8))  # load the models
    result: dict = {"config": name, "settings": asdict(settings), "init_cpu": cpu_seconds() - start}
    runs = []
    for _ in range(repeat):
        os.environ["CASECHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-ocr-cache-")
        for phase in ("cold", "cached"):
            for set_name, path, truths in sets:
                cpu, wall = cpu_seconds(), time.perf_counter()
                (doc,) = read_path(path, ReadOptions(ocr_page_seconds=600)).documents
                cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
                texts = [doc.text[p.start : p.end] for p in doc.pages]
                run = {
                    "phase": phase,
                    "set": set_name,
                    "file": path.name,
                    "pages": len(doc.pages),
                    "ocr_pages": sum(p.text_source == "ocr" for p in doc.pages),
                    "cpu": cpu,
                    "wall": wall,
                }
                if truths is not None and phase == "cold":
                    pairs = [accuracy(t, truth) for t, truth in zip(texts, truths, strict=True)]
                    run["errors"] = sum(e for e, _ in pairs)
                    run["chars"] = sum(n for _, n in pairs)
                elif phase == "cold":
                    facts = SCAN_FACTS.get(path.name, [])
                    run["facts_found"] = sum(bool(re.search(f, compact(doc.text))) for f in facts)
                    run["facts"] = len(facts)
                runs.append(run)
    result["runs"] = runs
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def summarise(result: dict) -> dict:
    rows: dict = {"config": result["config"], "init_cpu": round(result["init_cpu"], 2)}
    for set_name in ("synthetic", "corpus-raster", "corpus-scan"):
        cold = [r for r in result["runs"] if r["set"] == set_name and r["phase"] == "cold"]
        if not cold:
            continue
        pages = sum(r["ocr_pages"] for r in cold)
        row = {
            "cpu_per_page": round(sum(r["cpu"] for r in cold) / pages, 2),
            "wall_per_page": round(sum(r["wall"] for r in cold) / pages, 2),
        }
        if "chars" in cold[0]:
            chars = sum(r["chars"] for r in cold)
            row["accuracy"] = round(1 - sum(r["errors"] for r in cold) / chars, 4)
        else:
            row["facts"] = f"{sum(r['facts_found'] for r in cold)}/{sum(r['facts'] for r in cold)}"
        rows[set_name] = row
    cached = [r for r in result["runs"] if r["phase"] == "cached"]
    rows["cached_cpu_per_page"] = round(
        sum(r["cpu"] for r in cached) / max(1, sum(r["ocr_pages"] for r in cached)), 3
    )
    rows["max_rss_mb"] = round(result["max_rss_mb"])
    return rows


def print_table(summaries: list[dict]) -> None:
    header = (
        "| config | synthetic CPU-s/p | wall s/p | accuracy | corpus-raster CPU-s/p | wall s/p "
        "| accuracy | corpus-scan CPU-s/p | wall s/p | facts | cached CPU-s/p | max RSS MB |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for s in summaries:
        cells = [s["config"]]
        for set_name, last in (
            ("synthetic", "accuracy"),
            ("corpus-raster", "accuracy"),
            ("corpus-scan", "facts"),
        ):
            row = s.get(set_name, {})
            cells += [str(row.get("cpu_per_page", "–")), str(row.get("wall_per_page", "–"))]
            value = row.get(last, "–")
            cells.append(f"{value:.2%}" if isinstance(value, float) else str(value))
        cells += [str(s["cached_cpu_per_page"]), str(s["max_rss_mb"])]
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sets = page_sets(args.folder)
        print(json.dumps(run_config(args.child, sets, args.repeat), ensure_ascii=False))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        for name in args.configs.split(","):
            child = ["--child", name, "--folder", folder, "--repeat", str(args.repeat)]
            out = subprocess.run(
                [sys.executable, __file__, *child],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            print(json.dumps(summarise(result), ensure_ascii=False), file=sys.stderr)
    summaries = [summarise(r) for r in results]
    print_table(summaries)
    args.out.write_text(
        json.dumps({"summary": summaries, "runs": results}, ensure_ascii=False, indent=1) + "\n"
    )


if __name__ == "__main__":
    main()
