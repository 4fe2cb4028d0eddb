"""Which PDF library: text quality on two-column pages, and speed, for pypdfium2,
pdfplumber and pypdf on the same PDFs in the same run.

Quality is the word-shingle F1 of the article-extraction benchmark's own scorer
(``shared/eval/article-extraction/evaluate.py``) against the text in reading order.
Two layouts: columns written one after the other (as LaTeX and layout programs do) and
columns written line by line across the page (some word processors). The PDFs are made
by ``tests/pdfs.py`` (fpdf2, the test extra); speed is CPU ms per page over a 60-page
report.

    .venv/bin/python bench/bench_pdf.py
"""

from __future__ import annotations

import importlib.util
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import SHARED  # noqa: E402

from tests.pdfs import FOOTNOTE, LEFT, RIGHT, interleaved_columns, report  # noqa: E402


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "ae_evaluate", SHARED / "eval" / "article-extraction" / "evaluate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pypdfium2_text(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return [page.get_textpage().get_text_range() for page in document]


def pdfplumber_text(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as document:
        return [page.extract_text() or "" for page in document.pages]


def pypdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


LIBRARIES = {"pypdfium2": pypdfium2_text, "pdfplumber": pdfplumber_text, "pypdf": pypdf_text}


def main() -> None:
    evaluate = _scorer()
    column_after_column = report(pages=1)
    in_order = " ".join(
        ["Munitions through Najin", "16 October 2023"]
        + [f"{p} (page 1)" for p in LEFT + RIGHT]
        + [FOOTNOTE]
    )
    across, across_truth = interleaved_columns()
    big = report(pages=60)
    print(f"{'library':<11} {'F1 columns in order':>20} {'F1 lines across':>16}", end="")
    print(f" {'CPU ms/page':>12}")
    for name, read in LIBRARIES.items():
        f1s = []
        for data, truth in ((column_after_column, in_order), (across, across_truth)):
            tp_fp_fn = evaluate.string_shingle_matching(true=truth, pred="\n".join(read(data)))
            f1s.append(evaluate.metrics_from_tp_fp_fns([tp_fp_fn])["f1"])
        started = time.process_time()
        pages = read(big)
        per_page = (time.process_time() - started) * 1000 / len(pages)
        print(f"{name:<11} {f1s[0]:>20.3f} {f1s[1]:>16.3f} {per_page:>12.2f}")


if __name__ == "__main__":
    main()
