"""HR and trainers follow their organisation's cohorts."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.hr.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    navigation.add_entry("hr.cohort_list", _l("班级"), 60, {"hr", "trainer", "admin"})
