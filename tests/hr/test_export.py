"""The cohort table as CSV (UTF-8 with BOM) and XLSX, parsed back."""

import csv
import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from tests.factories import gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

HEADER = ["姓名", "邮箱", "状态", "最近学习", "已读课程", "已学卡片", "成熟卡片", "真实保持率（%）",
          "近 7 天复习", "模考次数", "最高分（%）", "最近得分（%）", "预计得分（%）", "预计下限（%）",
          "预计上限（%）", "通过概率（%）", "有风险", "风险原因"]  # fmt: skip


def test_csv_has_a_bom_and_reads_back_in_chinese(client, auth, hr_world):
    auth.login("hr@example.com")
    response = client.get(f"/hr/cohorts/{hr_world['cohort'].id}/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert f"filename*=UTF-8''{quote('一班.csv')}" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    by_name = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert sorted(by_name) == ["学员丁", "学员丙", "学员乙", "学员戊", "学员甲"]
    first = by_name["学员甲"]
    assert (first["状态"], first["已学卡片"], first["真实保持率（%）"]) == (
        "已准备好",
        "150",
        "90.0",
    )
    assert (first["通过概率（%）"], first["有风险"], first["风险原因"]) == ("90.0", "否", "")
    assert by_name["学员乙"]["风险原因"] == "已 10 天没有学习"
    assert by_name["学员戊"]["最近学习"] == "" and by_name["学员戊"]["状态"] == "未开始"


def test_xlsx_reads_back_with_numbers_as_numbers(client, auth, hr_world):
    auth.login("hr@example.com")
    response = client.get(f"/hr/cohorts/{hr_world['cohort'].id}/export.xlsx?risk=at_risk")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.title == "一班"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert sorted(row[0] for row in rows[1:]) == ["学员丁", "学员丙", "学员乙", "学员戊"]
    falling = next(row for row in rows[1:] if row[0] == "学员丁")
    assert (falling[10], falling[11], falling[15]) == (80.0, 60.0, 70.0)
    assert falling[17] == "最近一次模考比上一次低 20 分（百分制）"


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, auth, hr_world):
    gen_user(email="f@example.com", name="=HYPERLINK(1)", cohort=hr_world["cohort"])
    auth.login("hr@example.com")
    url = f"/hr/cohorts/{hr_world['cohort'].id}/export"
    text = client.get(f"{url}.csv").data.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    sheet = load_workbook(io.BytesIO(client.get(f"{url}.xlsx").data)).active
    assert "'=HYPERLINK(1)" in [row[0] for row in sheet.iter_rows(values_only=True)]
