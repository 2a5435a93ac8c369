"""OCR of scanned pages with RapidOCR, when the optional `ocr` extra is installed.

rapidocr 3.x ships its detection, direction and recognition models inside its wheel; they are
passed to it by path, so it never tries to download a model (it would if one were missing).
The engine is built once per process and shared by `SETTINGS.workers` threads, so that pages
are recognised in parallel (onnxruntime runs without the GIL), and the caller can stop
waiting for a page that takes too long (the page then stays unread).

Speed (tests/benchmarks/bench_ocr.py, docs/performance.md): detection finds the text lines on
the page scaled down to 960 pixels, and recognition reads each line cropped from the page
rendered at 200 dpi, one line per call. The 180° line classifier is off: scanned case files
are fed upright. Each page runs on one onnxruntime thread, two pages at once. Results are
cached by page image (`ocr_cache`), so a re-check of the same scan does not recognise it
again.

onnxruntime's official wheels send usage telemetry to Microsoft by default (a DNS lookup and
an HTTPS upload from native code, plus a device id under ~/.cache and `.ses` in the temporary
folder, measured with strace on 1.32). `ORT_DISABLE_TELEMETRY=1` before onnxruntime is first
imported turns all of that off; it is set here, as the tool never uses the network.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from casecheck.ingest import ocr_cache
from casecheck.ingest.seal import without_red

# Boxes below this recognition score are dropped (rapidocr's own default is 0.5).
MIN_SCORE = 0.5
# Boxes on one row are in different cells of a form (label and value) when they are further
# apart than this many line heights, or when a ruled line stands between them: a pixel column
# of the gap dark over this share of the row's height. They are then joined with ` | `, as the
# text of a table row is written.
COLUMN_GAP_LINES = 2.5
CELL_SEPARATOR = " | "
# A page's slant is measured on lines longer than this many heights, when it has this many; a
# slant under SLANT_MIN_DEGREES is left as it is.
SLANT_LINE_HEIGHTS = 8
SLANT_MIN_LINES = 3
SLANT_MIN_DEGREES = 0.1
RULE_SHARE = 0.7
RULE_DARK = 110
# How recognised pages are put together into rows; part of the cache key, so that a change of
# it is not hidden by rows cached before.
ROWS_VERSION = 2
_MODEL_KINDS = {"Det": "_det_", "Cls": "_cls_", "Rec": "_rec_"}


@dataclass(frozen=True)
class OcrSettings:
    """How pages are rendered and recognised (the benchmark compares settings)."""

    # Pages are rendered at this resolution; recognition crops its lines from that image.
    dpi: int = 200
    # Detection scales the page so that its longer side is at most ("max") or its shorter
    # side at least ("min") this many pixels (rapidocr's own default is min 736).
    det_limit_type: str = "max"
    det_limit_side: int = 960
    # The 180° direction classifier on each line.
    use_cls: bool = False
    # onnxruntime threads per page (0: onnxruntime's default, one per core).
    threads: int = 1
    # Pages recognised at the same time (each holds its page image and the models' buffers).
    workers: int = 2
    # Lines recognised per model call (a batch is padded to its widest line).
    rec_batch: int = 1
    # onnxruntime keeps its buffers between runs instead of allocating them for each.
    mem_arena: bool = True

    def fingerprint(self) -> str:
        """What decides the text of a page, for the cache key (not threads or workers)."""
        fields = asdict(self)
        for speed_only in ("threads", "workers", "mem_arena"):
            fields.pop(speed_only)
        return repr(sorted(fields.items()))


# The settings in use: pages run on at most as many workers as the machine has cores.
SETTINGS = OcrSettings(workers=max(1, min(2, os.cpu_count() or 1)))
# The pipeline before it was tuned (rapidocr's defaults at 150 dpi), kept for the benchmark.
BEFORE = OcrSettings(
    dpi=150,
    det_limit_type="min",
    det_limit_side=736,
    use_cls=True,
    threads=0,
    workers=1,
    rec_batch=6,
    mem_arena=False,
)

_lock = threading.Lock()
_engine: Any = None
_worker: ThreadPoolExecutor | None = None


@dataclass(frozen=True)
class OcrLine:
    """One recognised line of a page, with its box in pixels."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def model_paths() -> dict[str, Path] | None:
    """The models in the installed rapidocr wheel, or None when OCR cannot run offline."""
    if importlib.util.find_spec("onnxruntime") is None:
        return None
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return None
    models = sorted((Path(spec.origin).parent / "models").glob("*.onnx"))
    paths = {}
    for kind, marker in _MODEL_KINDS.items():
        found = [m for m in models if marker in m.name]
        if len(found) != 1:
            return None
        paths[kind] = found[0]
    return paths


def available() -> bool:
    return model_paths() is not None


def configure(settings: OcrSettings) -> None:
    """Use `settings` from now on (the benchmark compares settings in one process)."""
    global SETTINGS, _engine, _worker
    with _lock:
        SETTINGS = settings
        _engine = None
        if _worker is not None:
            _worker.shutdown(wait=True)
            _worker = None


def _get_engine() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            paths = model_paths()
            if paths is None:
                raise RuntimeError("rapidocr models are not installed")
            os.environ["ORT_DISABLE_TELEMETRY"] = "1"
            from rapidocr import RapidOCR

            params: dict[str, Any] = {f"{kind}.model_path": str(p) for kind, p in paths.items()}
            params.update(_engine_params(SETTINGS))
            _engine = RapidOCR(params=params)
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        return _engine


def _engine_params(settings: OcrSettings) -> dict[str, Any]:
    params: dict[str, Any] = {
        "Global.log_level": "warning",
        "Global.use_cls": settings.use_cls,
        # rapidocr shrinks a page whose longer side exceeds this before anything else; keep
        # the rendered resolution for recognition (MAX_OCR_PIXELS bounds the page image).
        "Global.max_side_len": 8192,
        "Det.limit_type": settings.det_limit_type,
        "Det.limit_side_len": settings.det_limit_side,
        "Rec.rec_batch_num": settings.rec_batch,
        "EngineConfig.onnxruntime.enable_cpu_mem_arena": settings.mem_arena,
    }
    if settings.threads > 0:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = settings.threads
    return params


def recognize(rgb: np.ndarray) -> list[OcrLine]:
    """Text lines of a page image (RGB), top to bottom; red seal ink is removed first so the
    black text under a seal is read. The boxes of a page scanned askew are turned level (by
    the median slant of its long lines), so that its margins are straight and its rows level."""
    import cv2

    # The channels' mean in 8 bits (numpy's mean would make a float64 copy of the page).
    gray = cv2.transform(without_red(rgb), np.full((1, 3), 1 / 3))
    result = _get_engine()(gray)
    found = [
        (text, np.asarray(box, dtype=np.float32).reshape(4, 2))
        for box, text, score in zip(
            result.boxes if result.boxes is not None else (),
            result.txts or (),
            result.scores or (),
            strict=False,
        )
        if score >= MIN_SCORE and text.strip()
    ]
    slant = _slant([quad for _, quad in found])
    if slant:
        height, width = gray.shape[:2]
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), np.degrees(slant), 1.0)
        gray = cv2.warpAffine(gray, turn, (width, height), borderValue=255)
        found = [(text, cv2.transform(quad[None], turn)[0]) for text, quad in found]
    lines = []
    for text, quad in found:
        xs, ys = quad[:, 0], np.sort(quad[:, 1])
        # The top and bottom edges' middles: a line scanned slightly askew keeps its height.
        top, bottom = (ys[0] + ys[1]) / 2, (ys[2] + ys[3]) / 2
        lines.append(OcrLine(text, float(xs.min()), float(top), float(xs.max()), float(bottom)))
    return merge_rows(lines, gray)


def _slant(quads: list[np.ndarray]) -> float:
    """The median slant (radians, clockwise positive) of the long lines' top edges, or 0 when
    there are too few long lines or the slant is too small to matter."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]  # top-left, top-right
        height = float(np.linalg.norm(quad[3] - quad[0]))
        if x1 - x0 > SLANT_LINE_HEIGHTS * max(height, 1.0):
            angles.append(float(np.arctan2(y1 - y0, x1 - x0)))
    if len(angles) < SLANT_MIN_LINES:
        return 0.0
    slant = float(np.median(angles))
    return slant if abs(slant) >= np.radians(SLANT_MIN_DEGREES) else 0.0


def merge_rows(boxes: list[OcrLine], page: np.ndarray | None = None) -> list[OcrLine]:
    """Boxes on one printed row joined left to right with a space, or with ` | ` where they
    stand in different cells (a label and its value far apart), a row of cells written as a
    table row of a text file is (`| 当事人 | 张三 |`); rows ordered top to bottom.
    A row's top and bottom are its boxes' average, so a slant does not make it taller. `page`
    is the grey page image the boxes were found on, to see ruled lines between cells."""
    rows: list[list[OcrLine]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        middle = (box.top + box.bottom) / 2
        if rows and abs(middle - _middle(rows[-1])) <= 0.5 * min(box.height, rows[-1][0].height):
            rows[-1].append(box)
        else:
            rows.append([box])
    merged = []
    for row in rows:
        row.sort(key=lambda b: b.left)
        text = row[0].text
        for before, box in pairwise(row):
            apart = box.left - before.right > COLUMN_GAP_LINES * min(before.height, box.height)
            ruled = page is not None and _ruled_between(page, before, box)
            text += (CELL_SEPARATOR if apart or ruled else " ") + box.text
        if CELL_SEPARATOR in text:
            text = f"|{CELL_SEPARATOR}{text}{CELL_SEPARATOR}|".replace("| |", "|").strip()
        merged.append(
            OcrLine(
                text,
                row[0].left,
                sum(b.top for b in row) / len(row),
                max(b.right for b in row),
                sum(b.bottom for b in row) / len(row),
            )
        )
    return merged


def _ruled_between(page: np.ndarray, before: OcrLine, after: OcrLine) -> bool:
    """A vertical ruled line in the gap between two boxes of a row."""
    top, bottom = int(max(before.top, after.top)), int(min(before.bottom, after.bottom))
    left, right = int(before.right), int(after.left)
    gap = page[max(top, 0) : bottom, max(left, 0) : right]
    if gap.size == 0 or bottom - top < 4:
        return False
    return bool(((gap < RULE_DARK).mean(axis=0) >= RULE_SHARE).any())


def _middle(row: list[OcrLine]) -> float:
    return sum((b.top + b.bottom) / 2 for b in row) / len(row)


def recognize_pages(images: Iterable[np.ndarray], seconds: float) -> Iterator[list[OcrLine] | None]:
    """The lines of each page image, in order. A page seen before (same pixels, same
    settings) comes from the cache; the others are recognised SETTINGS.workers at a time.
    `images` is consumed in the caller's thread, at most one page ahead of the workers (so
    it may render pages with pdfium, which is not thread-safe). None for a page not done
    within `seconds` of its turn: it finishes in the background, and the caller should stop.
    """
    cache = ocr_cache.open_cache()
    pending: deque[tuple[str, Future[list[OcrLine]] | list[OcrLine]]] = deque()
    try:
        for image in images:
            key = ocr_cache.page_key(image, _fingerprint())
            rows = cache.get(key) if cache else None
            cached = [OcrLine(*row) for row in rows] if rows is not None else None
            pending.append((key, cached if cached is not None else _submit(image)))
            while len(pending) > SETTINGS.workers:
                found = _result(pending.popleft(), seconds, cache)
                yield found
                if found is None:
                    return
        while pending:
            found = _result(pending.popleft(), seconds, cache)
            yield found
            if found is None:
                return
    finally:
        for _, job in pending:
            if isinstance(job, Future):
                job.cancel()
        if cache:
            cache.close()


def _fingerprint() -> str:
    return f"{_engine_version()} {SETTINGS.fingerprint()} rows {ROWS_VERSION}"


@cache
def _engine_version() -> str:
    try:
        release = version("rapidocr")
    except PackageNotFoundError:
        release = "absent"
    paths = model_paths() or {}
    models = ",".join(f"{p.name}:{p.stat().st_size}" for p in paths.values())
    return f"rapidocr {release} {models}"


def _submit(image: np.ndarray) -> Future[list[OcrLine]]:
    global _worker
    with _lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(SETTINGS.workers, thread_name_prefix="casecheck-ocr")
        return _worker.submit(recognize, image)


def _result(
    job: tuple[str, Future[list[OcrLine]] | list[OcrLine]],
    seconds: float,
    cache: ocr_cache.OcrCache | None,
) -> list[OcrLine] | None:
    key, work = job
    if not isinstance(work, Future):
        return work
    try:
        found = work.result(timeout=seconds)
    except FutureTimeout:
        return None
    if cache:
        cache.put(key, [(x.text, x.left, x.top, x.right, x.bottom) for x in found])
    return found
