"""The lines and curves of an OFD `PathObject` (GB/T 33190-2016 §9.2): its `AbbreviatedData`
read into outlines — polygons on the page, in mm from its top left — for drawing page images.

The commands: `S`/`M x y` start a sub-path, `L x y` a line, `Q x1 y1 x y` a quadratic and
`B x1 y1 x2 y2 x y` a cubic Bézier curve, `A rx ry angle large sweep x y` an elliptical arc
(as in SVG), `C` closes the sub-path. Curves and arcs are flattened into short lines: a page
image needs no more. Coordinates are the object's: the CTM maps them into its Boundary, whose
origin is on the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Point = tuple[float, float]
Outline = list[Point]

# No coordinate, size or advance is larger (mm, or an object's own units): a page of 100 m is
# no document.
MAX_COORDINATE = 100_000.0
# Lines a curve is drawn with; an arc gets one per 22.5° of its sweep.
CURVE_STEPS = 8
_ARC_STEP = math.pi / 8
_ARGUMENTS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def outlines(data: str, place: Callable[[float, float], Point], limit: int) -> list[Outline]:
    """The sub-paths of `data` as polygons placed on the page by `place`, with at most `limit`
    points in all (the rest is dropped). Reading stops at a command it does not know or at a
    number it cannot read: what came before is kept."""
    tokens = data.split()
    found: list[Outline] = []
    current: Outline = []
    x = y = start_x = start_y = 0.0
    count = i = 0
    while i < len(tokens) and count < limit:
        op = tokens[i]
        need = _ARGUMENTS.get(op)
        if need is None or i + need >= len(tokens) + (need == 0):
            break
        try:
            args = [float(t) for t in tokens[i + 1 : i + 1 + need]]
        except ValueError:
            break
        if not all(abs(a) <= MAX_COORDINATE for a in args):  # also false for NaN
            break
        i += 1 + need
        if op in ("S", "M"):
            if len(current) > 1:
                found.append(current)
            x, y = start_x, start_y = args
            points = [(x, y)]
            current = []
        elif op == "L":
            points = [(args[0], args[1])]
        elif op == "Q":
            points = _quadratic((x, y), args)
        elif op == "B":
            points = _cubic((x, y), args)
        elif op == "A":
            points = _arc((x, y), args)
        else:  # C: back to the start of the sub-path, which goes on from there
            points = [(start_x, start_y)]
        current.extend(place(px, py) for px, py in points)
        count += len(points)
        x, y = points[-1]
        if op == "C" and len(current) > 1:
            found.append(current)
            current = [place(x, y)]
    if len(current) > 1:
        found.append(current)
    return found


def _quadratic(at: Point, args: list[float]) -> list[Point]:
    (x0, y0), (x1, y1, x2, y2) = at, args
    steps = (k / CURVE_STEPS for k in range(1, CURVE_STEPS + 1))
    return [
        (
            (1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t * t * x2,
            (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t * t * y2,
        )
        for t in steps
    ]


def _cubic(at: Point, args: list[float]) -> list[Point]:
    (x0, y0), (x1, y1, x2, y2, x3, y3) = at, args
    steps = (k / CURVE_STEPS for k in range(1, CURVE_STEPS + 1))
    return [
        (
            (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * x1 + 3 * (1 - t) * t * t * x2 + t**3 * x3,
            (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * y1 + 3 * (1 - t) * t * t * y2 + t**3 * y3,
        )
        for t in steps
    ]


def _arc(at: Point, args: list[float]) -> list[Point]:
    """An elliptical arc from `at` by its end point, radii, rotation and flags, as points (the
    end-point to centre conversion of SVG 1.1, appendix F.6)."""
    (x1, y1), (rx, ry, angle, large, sweep, x2, y2) = at, args
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0 or (x1, y1) == (x2, y2):
        return [(x2, y2)]
    phi = math.radians(angle)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p, y1p = cos * dx + sin * dy, -sin * dx + cos * dy
    grow = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if grow > 1:  # radii too small to reach the end point: scaled up until they do
        rx, ry = rx * math.sqrt(grow), ry * math.sqrt(grow)
    num = (rx * ry) ** 2 - (rx * y1p) ** 2 - (ry * x1p) ** 2
    den = (rx * y1p) ** 2 + (ry * x1p) ** 2
    root = math.sqrt(max(0.0, num / den)) if den else 0.0
    if bool(large) == bool(sweep):
        root = -root
    cxp, cyp = root * rx * y1p / ry, -root * ry * x1p / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2
    ux, uy = (x1p - cxp) / rx, (y1p - cyp) / ry
    vx, vy = (-x1p - cxp) / rx, (-y1p - cyp) / ry
    start = math.atan2(uy, ux)
    turn = math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)
    if sweep and turn < 0:
        turn += 2 * math.pi
    elif not sweep and turn > 0:
        turn -= 2 * math.pi
    steps = max(2, math.ceil(abs(turn) / _ARC_STEP))
    points = []
    for k in range(1, steps + 1):
        t = start + turn * k / steps
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        points.append((cx + cos * ex - sin * ey, cy + sin * ex + cos * ey))
    points[-1] = (x2, y2)
    return points
