"""OCR of scanned pages with RapidOCR, when the optional `ocr` extra is installed.

rapidocr 3.x ships its detection, direction and recognition models inside its wheel; they are
passed to it by path, so it never tries to download a model (it would if one were missing).
The engine is built once per process and runs in one worker thread, so the caller can stop
waiting for a page that takes too long (the page then stays unread) without two pages ever
being recognised at once.

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
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from casecheck.ingest.seal import without_red

# Pages are rendered at this resolution for OCR: 150 dpi reads 五号/小四 print as well as 200
# dpi (TECH-NOTES §4) in three quarters of the time.
OCR_DPI = 150
# Boxes below this recognition score are dropped (rapidocr's own default is 0.5).
MIN_SCORE = 0.5
_MODEL_KINDS = {"Det": "_det_", "Cls": "_cls_", "Rec": "_rec_"}

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
            params["Global.log_level"] = "warning"
            _engine = RapidOCR(params=params)
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        return _engine


def recognize(rgb: np.ndarray) -> list[OcrLine]:
    """Text lines of a page image (RGB), top to bottom; red seal ink is removed first so the
    black text under a seal is read."""
    gray = without_red(rgb).mean(axis=2).astype(np.uint8)
    result = _get_engine()(gray)
    lines = []
    for box, text, score in zip(
        result.boxes if result.boxes is not None else (),
        result.txts or (),
        result.scores or (),
        strict=False,
    ):
        if score < MIN_SCORE or not text.strip():
            continue
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        lines.append(OcrLine(text, min(xs), min(ys), max(xs), max(ys)))
    return merge_rows(lines)


def merge_rows(boxes: list[OcrLine]) -> list[OcrLine]:
    """Boxes on one printed row (a label and its value far apart) joined left to right with a
    space; rows ordered top to bottom."""
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
        merged.append(
            OcrLine(
                " ".join(b.text for b in row),
                row[0].left,
                min(b.top for b in row),
                max(b.right for b in row),
                max(b.bottom for b in row),
            )
        )
    return merged


def _middle(row: list[OcrLine]) -> float:
    return sum((b.top + b.bottom) / 2 for b in row) / len(row)


def recognize_within(rgb: np.ndarray, seconds: float) -> list[OcrLine] | None:
    """`recognize` in the OCR worker thread; None when it takes longer than `seconds` (it then
    finishes in the background, and the next page waits for it)."""
    global _worker
    with _lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casecheck-ocr")
        future: Future[list[OcrLine]] = _worker.submit(recognize, rgb)
    try:
        return future.result(timeout=seconds)
    except FutureTimeout:
        return None
