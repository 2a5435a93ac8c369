"""casecheck — offline checks of Chinese administrative-penalty case files (行政处罚案卷).

The public API: the CLI and the desktop app call only these names (and read the data classes
of `casecheck.model` and the display names of `casecheck.labels`).

- check: `read_case(path)`, `check_case(path, options, progress)` → `Report` (`Report.to_json()`
  is Contract 1, `Report.from_json()` reads it back), `CheckOptions`, `ReadProgress` (what
  `progress` is called with: document k of n, OCR page k of n, checking);
- batch: `iter_batch(...)` yields each case's `CaseSummary` as it finishes (resumable,
  cancellable), `run_batch(...)` adds the summary files (`write_batch_summary`),
  `case_entries`, `default_out_dir`;
- score: `assess(report, standard)` → `Assessment`, `available_standards()`,
  `load_standard(name)` (its `title` is what users read), `StandardError`;
- export: `write_json`, `write_case_docx`, `write_xlsx`, `write_commented_copies`;
- review: `load_review`, `save_review`, `decide`, `track`, `carry_over`, `review_path`,
  `without_rejected` (the report a reviewer's state scores), `STATUS_LABELS`;
- files: `data_dir()` (where the app keeps what the user did not place);
- page view: `ofd_as_pdf(data)` (an OFD file's pages drawn as a PDF of images, for a viewer);
- originals: `quote_boxes(pdf bytes, document, start, end)` (where a span lies on the PDF's
  pages, for the app to mark);
- display: `list_rules()`, `list_parameters()`, `known_departments()`;
- desensitise (脱敏): `desensitise_case(source, out_dir, mapping_path)` → `DesensitiseResult`,
  `default_mapping_path(out_dir)`, `DesensitiseError`;
- samples: `generate_case`, `sample_case_dir`, `DEFECTS`, `check_combination`,
  `defect_contrasts` (the wrong and the correct wording of each seeded defect).

Names are imported on first use, so `import casecheck.model` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from casecheck.version import __version__

# public name → the module that defines it, and the name there when it differs
_API: dict[str, str] = {
    "CheckOptions": "casecheck.engine",
    "check_case": "casecheck.engine",
    "read_case": "casecheck.engine",
    "ReadProgress": "casecheck.ingest.options",
    "CaseFile": "casecheck.model",
    "Document": "casecheck.model",
    "Finding": "casecheck.model",
    "Report": "casecheck.model",
    "CaseSummary": "casecheck.batch_stats",
    "iter_batch": "casecheck.batch",
    "run_batch": "casecheck.batch",
    "case_entries": "casecheck.batch",
    "default_out_dir": "casecheck.batch",
    "write_batch_summary": "casecheck.batch",
    "Assessment": "casecheck.scoring",
    "StandardError": "casecheck.scoring",
    "assess": "casecheck.scoring",
    "available_standards": "casecheck.scoring",
    "load_standard": "casecheck.scoring",
    "write_json": "casecheck.report.json_report",
    "write_case_docx": "casecheck.report.docx_report",
    "write_xlsx": "casecheck.report.xlsx_report",
    "write_commented_copies": "casecheck.report.commented",
    "load_review": "casecheck.review",
    "save_review": "casecheck.review",
    "decide": "casecheck.review",
    "track": "casecheck.review",
    "review_path": "casecheck.review",
    "carry_over": "casecheck.review",
    "data_dir": "casecheck.resources",
    "quote_boxes": "casecheck.ingest.pdf_locate",
    "without_rejected": "casecheck.review",
    "STATUS_LABELS": "casecheck.review",
    "list_rules": "casecheck.rules.pack:shipped_and_user_rules",
    "list_parameters": "casecheck.rules.params:param_table",
    "known_departments": "casecheck.rules.params",
    "list_benchmarks": "casecheck.discretion.store:load_benchmarks",
    "import_benchmark": "casecheck.discretion.importer:import_file",
    "save_benchmark": "casecheck.discretion.store",
    "remove_benchmark": "casecheck.discretion.store",
    "desensitise_case": "casecheck.desensitise",
    "default_mapping_path": "casecheck.desensitise",
    "DesensitiseError": "casecheck.desensitise",
    "DesensitiseResult": "casecheck.desensitise",
    "generate_case": "casecheck.samples",
    "sample_case_dir": "casecheck.samples",
    "DEFECTS": "casecheck.samples",
    "check_combination": "casecheck.samples.defects",
    "defect_contrasts": "casecheck.samples.contrast",
    "Contrast": "casecheck.samples.contrast",
    "ofd_as_pdf": "casecheck.ingest.ofd:as_pdf",
}

__all__ = [
    "DEFECTS",
    "STATUS_LABELS",
    "Assessment",
    "CaseFile",
    "CaseSummary",
    "CheckOptions",
    "Contrast",
    "DesensitiseError",
    "DesensitiseResult",
    "Document",
    "Finding",
    "ReadProgress",
    "Report",
    "StandardError",
    "__version__",
    "assess",
    "available_standards",
    "carry_over",
    "case_entries",
    "check_case",
    "check_combination",
    "data_dir",
    "decide",
    "default_mapping_path",
    "default_out_dir",
    "defect_contrasts",
    "desensitise_case",
    "generate_case",
    "import_benchmark",
    "iter_batch",
    "known_departments",
    "list_benchmarks",
    "list_parameters",
    "list_rules",
    "load_review",
    "load_standard",
    "ofd_as_pdf",
    "quote_boxes",
    "read_case",
    "remove_benchmark",
    "review_path",
    "run_batch",
    "sample_case_dir",
    "save_benchmark",
    "save_review",
    "track",
    "without_rejected",
    "write_batch_summary",
    "write_case_docx",
    "write_commented_copies",
    "write_json",
    "write_xlsx",
]

if TYPE_CHECKING:
    from casecheck.batch import (
        case_entries,
        default_out_dir,
        iter_batch,
        run_batch,
        write_batch_summary,
    )
    from casecheck.batch_stats import CaseSummary
    from casecheck.desensitise import (
        DesensitiseError,
        DesensitiseResult,
        default_mapping_path,
        desensitise_case,
    )
    from casecheck.discretion.importer import import_file as import_benchmark
    from casecheck.discretion.store import load_benchmarks as list_benchmarks
    from casecheck.discretion.store import remove_benchmark, save_benchmark
    from casecheck.engine import CheckOptions, check_case, read_case
    from casecheck.ingest.ofd import as_pdf as ofd_as_pdf
    from casecheck.ingest.options import ReadProgress
    from casecheck.ingest.pdf_locate import quote_boxes
    from casecheck.model import CaseFile, Document, Finding, Report
    from casecheck.report.commented import write_commented_copies
    from casecheck.report.docx_report import write_case_docx
    from casecheck.report.json_report import write_json
    from casecheck.report.xlsx_report import write_xlsx
    from casecheck.resources import data_dir
    from casecheck.review import (
        STATUS_LABELS,
        carry_over,
        decide,
        load_review,
        review_path,
        save_review,
        track,
        without_rejected,
    )
    from casecheck.rules.pack import shipped_and_user_rules as list_rules
    from casecheck.rules.params import known_departments
    from casecheck.rules.params import param_table as list_parameters
    from casecheck.samples import DEFECTS, generate_case, sample_case_dir
    from casecheck.samples.contrast import Contrast, defect_contrasts
    from casecheck.samples.defects import check_combination
    from casecheck.scoring import (
        Assessment,
        StandardError,
        assess,
        available_standards,
        load_standard,
    )


def __getattr__(name: str) -> Any:
    where = _API.get(name)
    if where is None:
        raise AttributeError(f"module 'casecheck' has no attribute {name!r}")
    module, _, attribute = where.partition(":")
    return getattr(import_module(module), attribute or name)
