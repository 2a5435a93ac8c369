"""Red seal impressions (公章) on a rendered page, found by colour.

A seal is a red ring with red text and usually a star: on a page image it is a roughly round
cluster of strongly red pixels, 3–6 cm across, that fills only part of its bounding box. Red
text lines (long and thin) and solid red areas (logos, banners) do not fit that shape.
"""

from __future__ import annotations

import io
from collections import deque

import numpy as np
from PIL import Image

# A pixel is strongly red when its red channel is high and well above green and blue. Scans
# print seals in pink-red (R 230, G 90, B 100) as well as pure red.
MIN_RED = 150
MIN_RED_MARGIN = 60
# The analysis grid: cells of this size in millimetres, a cell is red when this share of its
# pixels is.
CELL_MM = 1.0
CELL_RED_SHARE = 0.04
# Seal diameters in millimetres: official seals are 38–45 mm, small ones (合同章, 骑缝章) 30 mm.
MIN_DIAMETER_MM = 20.0
MAX_DIAMETER_MM = 70.0
# Width / height of the blob's bounding box (oval seals are about 1.3).
MAX_ASPECT = 1.5
# The share of the bounding box covered by red cells: a bare ring fills a tenth of it, a ring
# with text and star more, a solid block all of it.
MIN_FILL, MAX_FILL = 0.08, 0.85
# The four corners outside the inscribed ellipse hold little of a round blob.
MAX_CORNER_SHARE = 0.12
# Larger pictures are not decoded (a seal image is well under a megapixel).
MAX_PICTURE_PIXELS = 25_000_000
# More red cells than this on one page is not searched for seals (about 40 seals' worth).
MAX_RED_CELLS = 60_000
# Less red than this (square millimetres) cannot be a seal: a 20 mm ring drawn 1 mm wide has 60.
MIN_RED_MM2 = 30.0


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Boolean mask of strongly red pixels of an RGB (or RGBA) image array."""
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    return (r >= MIN_RED) & (r - g >= MIN_RED_MARGIN) & (r - b >= MIN_RED_MARGIN)


def without_red(rgb: np.ndarray) -> np.ndarray:
    """A copy of the image with strongly red pixels turned white, so that the black text a
    seal is stamped over can be read by OCR."""
    out = np.array(rgb[..., :3], copy=True)
    out[red_mask(rgb)] = 255
    return out


def has_seal(rgb: np.ndarray, dpi: float) -> bool:
    """Whether the page image shows a red seal impression. A page with more red than
    MAX_RED_CELLS (a red background, a hostile drawing) is not searched: the search is
    linear in red cells, and such a page cannot show a seal as a separate blob anyway."""
    cell = max(1, round(CELL_MM / 25.4 * dpi))
    mask = red_mask(rgb)
    rows, cols = mask.shape[0] // cell, mask.shape[1] // cell
    if not rows or not cols or mask.sum() < MIN_RED_MM2 * (dpi / 25.4) ** 2:
        return False
    share = mask[: rows * cell, : cols * cell].reshape(rows, cell, cols, cell).mean(axis=(1, 3))
    grid = share >= CELL_RED_SHARE
    if grid.sum() > MAX_RED_CELLS:
        return False
    cell_mm = max(CELL_MM, cell * 25.4 / dpi)  # a page rendered below 25.4 dpi has larger cells
    return any(_is_seal(blob, cell_mm) for blob in _blobs(grid))


def image_has_seal(data: bytes, width_mm: float) -> bool:
    """Whether an embedded picture (an electronic seal in a .docx), shown `width_mm` wide on
    the page, is or holds a red seal. Transparent parts count as white paper. Pictures too
    narrow or too wide for a seal (photos of evidence) are not decoded."""
    if not MIN_DIAMETER_MM <= width_mm <= 2 * MAX_DIAMETER_MM:
        return False
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PICTURE_PIXELS:
                return False
            image.thumbnail((1000, 1000))
            rgba = image.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    paper = Image.new("RGBA", rgba.size, "white")
    rgb = np.asarray(Image.alpha_composite(paper, rgba).convert("RGB"))
    return has_seal(rgb, rgb.shape[1] / (width_mm / 25.4))


def _blobs(grid: np.ndarray) -> list[np.ndarray]:
    """Connected groups of red cells (8-neighbourhood, bridging one-cell gaps), each as a
    boolean array cut to its bounding box."""
    seen = np.zeros_like(grid)
    rows, cols = grid.shape
    blobs = []
    for start in zip(*np.nonzero(grid), strict=True):
        if seen[start]:
            continue
        seen[start] = True
        cells = [start]
        queue = deque([start])
        while queue:
            r, c = queue.popleft()
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    nr, nc = r + dr, c + dc
                    if 0 <= nr < rows and 0 <= nc < cols and grid[nr, nc] and not seen[nr, nc]:
                        seen[nr, nc] = True
                        cells.append((nr, nc))
                        queue.append((nr, nc))
        rs, cs = np.array(cells).T
        blob = np.zeros((rs.max() - rs.min() + 1, cs.max() - cs.min() + 1), dtype=bool)
        blob[rs - rs.min(), cs - cs.min()] = True
        blobs.append(blob)
    return blobs


def _is_seal(blob: np.ndarray, cell_mm: float) -> bool:
    height, width = blob.shape
    if not MIN_DIAMETER_MM <= max(height, width) * cell_mm <= MAX_DIAMETER_MM:
        return False
    if max(height, width) > MAX_ASPECT * min(height, width):
        return False
    fill = blob.mean()
    if not MIN_FILL <= fill <= MAX_FILL:
        return False
    y, x = np.ogrid[:height, :width]
    outside = ((y + 0.5 - height / 2) / (height / 2)) ** 2 + (
        (x + 0.5 - width / 2) / (width / 2)
    ) ** 2 > 1.1
    return blob[outside].sum() <= MAX_CORNER_SHARE * blob.sum()
