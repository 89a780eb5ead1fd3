"""The dashboard's competitor list in Debian's Chromium: a long rival name wraps within its own
column, never running into its count ("UnitComma14d"), at desktop and phone widths."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.store.models import Mention, Utterance
from tests.insights_corpus import add_call
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONG = "UnitCommandCentreEnterpriseCloudPlatformSuite"
# The drawn boxes of the first competitor row's name text and of its count.
BOXES = """() => {
  const row = [...document.querySelectorAll("#comp-title ~ .bars li")][0];
  const [name, count] = row.children;
  const range = document.createRange();
  range.selectNodeContents(name);
  const text = range.getBoundingClientRect(), box = count.getBoundingClientRect();
  return {name: [text.left, text.top, text.right, text.bottom],
          count: [box.left, box.top, box.right, box.bottom],
          row: row.getBoundingClientRect().right};
}"""


def _rival_named(live_server: LiveServer) -> None:
    call_id = add_call(live_server.workspace, [f"We looked at {LONG} last year."], key="long")
    with live_server.workspace.session() as db:
        said = db.query(Utterance).filter_by(call_id=call_id, role="buyer").one()
        db.add(
            Mention(
                utterance_id=said.id, call_id=call_id, kind="competitor", text=said.text,
                char_end=len(said.text), competitor=LONG,
            )
        )  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_competitor_name_never_runs_into_its_count(
    live_server: LiveServer, page: Any, width: int
) -> None:
    if width == 1280:
        _rival_named(live_server)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dashboard")
    assert LONG in page.locator("#comp-title ~ .bars").inner_text()
    boxes = page.evaluate(BOXES)
    (n_left, n_top, n_right, n_bottom), (c_left, c_top, c_right, c_bottom) = (
        boxes["name"],
        boxes["count"],
    )
    apart = n_right <= c_left or c_right <= n_left or n_bottom <= c_top or c_bottom <= n_top
    assert apart, boxes
    assert n_right <= boxes["row"] + 0.5 and c_right <= boxes["row"] + 0.5, boxes
