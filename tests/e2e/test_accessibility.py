"""axe-core over every role's main pages: no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.world import seed, sign_in_as

BLOCKING = ("serious", "critical")


def _main_pages(ids: dict) -> dict[str, list[str]]:
    return {
        "candidate": [
            "/", f"/lessons/{ids['lesson']}", f"/practice/chapter/{ids['chapter']}?i=0",
            "/exams", "/cards/", "/practice/wrong-book", "/practice/bookmarks",
        ],
        "hr": ["/hr/cohorts", f"/hr/cohorts/{ids['cohort']}"],
        "trainer": ["/trainer/content"],
        "admin": ["/admin/organisations", "/admin/users"],
    }  # fmt: skip


def _blocking(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.parametrize("page", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}],
                         indirect=True)  # fmt: skip
def test_main_pages_have_no_serious_accessibility_violations(live_server, page):
    base_url, app = live_server
    ids = seed(app)
    axe = Axe()
    found = {}
    for role, paths in _main_pages(ids).items():
        sign_in_as(page, base_url, role)
        for path in paths:
            page.goto(f"{base_url}{path}")
            page.wait_for_load_state("networkidle")
            problems = _blocking(axe.run(page))
            if problems:
                found[path] = problems
    assert found == {}
