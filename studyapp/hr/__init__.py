"""HR and trainers follow their organisation's cohorts; candidates see their own readiness."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.hr.cli import hr_cli
from studyapp.hr.panel import readiness_panel
from studyapp.hr.views import bp
from studyapp.main import panels

# Milliseconds a cohort page may spend recomputing stale predictions (docs/hr.md).
PREDICTION_BUDGET_MS = 30


def init_app(app: Flask) -> None:
    app.config.setdefault("HR_PREDICTION_BUDGET_MS", PREDICTION_BUDGET_MS)
    app.register_blueprint(bp)
    app.cli.add_command(hr_cli)
    panels.register(10, readiness_panel)
    navigation.add_entry("hr.cohort_list", _l("班级"), 60, {"hr", "trainer", "admin"})
