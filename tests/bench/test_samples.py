"""The sample PDF the benchmarks upload and the review tests use is one a PDF reader opens."""

from accord.core.previews import pdf_page_count
from bench.samples import pdf_bytes


def test_the_sample_pdf_opens_with_its_pages_and_its_size():
    assert pdf_page_count(pdf_bytes(pages=3), 5) == 3
    padded = pdf_bytes(text="Brochure", padding=1024 * 1024)
    assert len(padded) > 1024 * 1024 and pdf_page_count(padded, 5) == 1
