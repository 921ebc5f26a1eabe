"""No table row of the summary splits across two pages."""

from itertools import pairwise

import pytest
from PySide6.QtGui import QTextDocument

from diary.report import paging

pytestmark = pytest.mark.usefixtures("qapp")


def test_every_row_lies_whole_on_one_page() -> None:
    rows = "".join(
        f"<tr><td>Warning</td><td>{n} Oct</td><td>{'A long note about the day. ' * (3 + n % 7)}</td></tr>"
        for n in range(60)
    )
    document = QTextDocument()
    document.setTextWidth(400)
    document.setHtml(f"<h2>To discuss</h2><table border='1'><thead><tr><th>a</th></tr></thead>{rows}</table>")
    height = 500.0
    slices = paging.page_tops(document, 400, height)
    assert len(slices) > 3
    units = paging.units(document)
    assert len(units) >= 60
    for top, bottom in units:
        assert any(start <= top + 0.01 and bottom <= end + 0.01 for start, end in slices), (top, bottom)
    for start, end in slices:
        assert end - start <= height + 0.01
    assert slices[0][0] == 0 and all(a[1] == b[0] for a, b in pairwise(slices))
