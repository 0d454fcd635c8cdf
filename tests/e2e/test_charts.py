"""Charts on the statistics, exam history and HR trainee pages are drawn by the vendored
ECharts, with both axes named, and the figures are in a table on the same page."""

import json

import pytest

from tests.e2e.world import SHOTS, seed, shot, sign_in_as

SIZES = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]


def _charts(page) -> list[dict]:
    page.locator(".chart[data-drawn='1']").first.wait_for()
    charts = page.locator(".chart")
    specs = []
    for n in range(charts.count()):
        chart = charts.nth(n)
        assert chart.get_attribute("data-drawn") == "1"
        assert chart.locator("canvas").count() >= 1  # drawn by ECharts, not hand-made bars
        assert chart.get_attribute("aria-label")
        specs.append(json.loads(chart.get_attribute("data-chart")))
    for spec in specs:
        assert spec["x"] and spec["y"], spec  # both axes labelled
    return specs


@pytest.mark.parametrize("page", SIZES, indirect=True)
def test_charts_are_drawn_with_named_axes_and_a_table(live_server, page):
    base_url, app = live_server
    ids = seed(app)
    width = page.viewport_size["width"]
    sign_in_as(page, base_url, "candidate")
    for path, name in (("/exams", "exams"), ("/cards/stats", "stats")):
        page.goto(f"{base_url}{path}")
        specs = _charts(page)
        assert specs and page.locator("table").count() >= 1
        assert page.locator(".bars").count() == 0
        shot(page, f"chart-{name}-{width}")
        page.locator(".chart").first.screenshot(path=str(SHOTS / f"chart-{name}-{width}-only.png"))
    history = _charts(page.goto(f"{base_url}/exams") and page)[0]
    assert (
        history["max"] == 100 and history["line"] == 60 and len(history["series"][0]["data"]) == 1
    )

    sign_in_as(page, base_url, "hr")
    page.goto(f"{base_url}/hr/cohorts/{ids['cohort']}/candidates/{ids['candidate']}")
    activity, scores = _charts(page)
    assert [s["name"] for s in activity["series"]] == ["复习", "练习", "阅读", "考试"]
    assert activity["stacked"] and len(scores["series"][0]["data"]) == 1
    assert page.locator("svg rect").count() == 0  # the hand-drawn SVG bars are gone
    shot(page, f"chart-hr-candidate-{width}")

    sign_in_as(page, base_url, "trainer")
    page.goto(f"{base_url}/trainer/analysis/quick-quiz")
    (distribution,) = _charts(page)
    assert distribution["labels"][0] == "0–10%" and len(distribution["series"][0]["data"]) == 10
    assert page.locator(".bars").count() == 0
