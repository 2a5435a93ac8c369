"""Renderings of a Report: JSON (Contract 1) and the terminal text report."""

from casecheck.report.json_report import report_schema, write_json
from casecheck.report.text_report import render_text

__all__ = ["render_text", "report_schema", "write_json"]
