"""The JSON report of Contract 1 and the JSON Schema that describes it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import IO, Any

from casecheck.model import Report

SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def report_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def write_json(report: Report, out: IO[str]) -> None:
    json.dump(report.to_json(), out, ensure_ascii=False, indent=2)
    out.write("\n")
