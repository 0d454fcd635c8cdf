"""The cohort table as CSV (UTF-8 with BOM, so Excel reads Chinese) and as XLSX."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from urllib.parse import quote

from flask import Response
from flask_babel import gettext as _
from openpyxl import Workbook

from studyapp.access import roles
from studyapp.domain.calendar import CHINA
from studyapp.hr import dashboard, filters
from studyapp.hr.labels import STATUS_LABELS, risk_label
from studyapp.hr.view_helpers import cohort_or_404, table_choices, table_rows
from studyapp.models import Role

# A cell starting with one of these is a formula to a spreadsheet; names are typed by users.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _percent(value: float | None, scale: float = 1.0) -> float | None:
    return None if value is None else round(value * scale, 1)


def columns() -> list[tuple[str, Callable]]:
    return [
        (_("姓名"), lambda r: r.name),
        (_("邮箱"), lambda r: r.email),
        (_("状态"), lambda r: str(STATUS_LABELS[r.status])),
        (_("最近学习"), lambda r: r.last_active_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
                                 if r.last_active_at else None),
        (_("已读课程"), lambda r: r.lessons_read),
        (_("已学卡片"), lambda r: r.cards_learned),
        (_("成熟卡片"), lambda r: r.cards_mature),
        (_("真实保持率（%）"), lambda r: _percent(r.true_retention, 100)),
        (_("近 7 天复习"), lambda r: r.reviews_7d),
        (_("模考次数"), lambda r: r.attempts_taken),
        (_("最高分（%）"), lambda r: _percent(r.best_score)),
        (_("最近得分（%）"), lambda r: _percent(r.last_score)),
        (_("预计得分（%）"), lambda r: _percent(r.predicted_score)),
        (_("预计下限（%）"), lambda r: _percent(r.prediction.low) if r.prediction else None),
        (_("预计上限（%）"), lambda r: _percent(r.prediction.high) if r.prediction else None),
        (_("通过概率（%）"), lambda r: _percent(r.pass_probability, 100)),
        (_("有风险"), lambda r: _("是") if r.at_risk else _("否")),
        (_("风险原因"), lambda r: "；".join(risk_label(risk) for risk in r.risks)),
    ]  # fmt: skip


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table(rows: list[dashboard.CandidateRow]) -> list[list]:
    spec = columns()
    return [[name for name, _get in spec]] + [
        [_cell(get(row)) for _name, get in spec] for row in rows
    ]


def csv_bytes(rows: list[dashboard.CandidateRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in table(rows):
        writer.writerow(["" if value is None else value for value in line])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[dashboard.CandidateRow], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    # Excel refuses these characters in a sheet name, and more than 31 of any.
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "cohort"
    for line in table(rows):
        sheet.append(line)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _download(body: bytes, content_type: str, cohort, extension: str) -> Response:
    name = f"{cohort.name}.{extension}"
    disposition = (
        f"attachment; filename=cohort-{cohort.id}.{extension}; filename*=UTF-8''{quote(name)}"
    )
    # content_type, not mimetype: werkzeug would append a second "; charset=utf-8".
    return Response(body, content_type=content_type, headers={"Content-Disposition": disposition})


def _rows(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    return cohort, filters.select_rows(table_rows(cohort, refresh=True), **table_choices())


@roles(Role.HR, Role.TRAINER)
@dashboard.cyclic_gc_paused()
def export_csv(cohort_id: int):
    cohort, rows = _rows(cohort_id)
    return _download(csv_bytes(rows), "text/csv; charset=utf-8", cohort, "csv")


@roles(Role.HR, Role.TRAINER)
@dashboard.cyclic_gc_paused()
def export_xlsx(cohort_id: int):
    cohort, rows = _rows(cohort_id)
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(xlsx_bytes(rows, cohort.name), mimetype, cohort, "xlsx")


def register(bp) -> None:
    """The export routes, on the HR blueprint (``studyapp.hr.init_app``)."""
    bp.add_url_rule("/cohorts/<int:cohort_id>/export.csv", view_func=export_csv)
    bp.add_url_rule("/cohorts/<int:cohort_id>/export.xlsx", view_func=export_xlsx)
