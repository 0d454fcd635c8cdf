"""Cohort settings for HR and trainers: name, exam date, target paper, and the invite code."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from studyapp.access import roles
from studyapp.auth import organisations
from studyapp.extensions import db
from studyapp.hr import readiness
from studyapp.hr.forms import CohortSettingsForm, InviteForm
from studyapp.hr.view_helpers import cohort_or_404
from studyapp.models import Cohort, Role
from studyapp.syllabus import current_syllabus

TARGET_KINDS = ("mock", "quiz")


def _blueprint_choices(cohort: Cohort) -> list[tuple[str, str]]:
    syllabus = current_syllabus()
    default = syllabus.blueprints.get(readiness.DEFAULT_BLUEPRINT)
    choices = [("", _("默认：%(title)s", title=default.title if default else "—"))]
    choices += [
        (b.id, b.title)
        for b in syllabus.blueprints.values()
        if b.kind in TARGET_KINDS and not b.retired
    ]
    if cohort.target_blueprint and cohort.target_blueprint not in dict(choices):
        # A paper retired since it was chosen stays selectable until changed.
        choices.append((cohort.target_blueprint, cohort.target_blueprint))
    return choices


@roles(Role.HR, Role.TRAINER)
def cohort_settings(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    form = CohortSettingsForm(
        data={
            "name": cohort.name,
            "exam_date": cohort.exam_date,
            "target_blueprint": cohort.target_blueprint or "",
        }
    )
    form.target_blueprint.choices = _blueprint_choices(cohort)
    if form.validate_on_submit():
        try:
            organisations.update_cohort(
                cohort, form.name.data, form.exam_date.data, form.target_blueprint.data
            )
        except organisations.CohortNameTaken:
            db.session.rollback()
            form.name.errors.append(_("本机构已有同名班级。"))
        else:
            flash(_("班级设置已保存。"), "success")
            return redirect(url_for("hr.cohort_settings", cohort_id=cohort.id))
    return render_template("hr/settings.html", cohort=cohort, form=form)


@roles(Role.HR, Role.TRAINER)
def cohort_invite(cohort_id: int):
    cohort = cohort_or_404(cohort_id)
    form = InviteForm()
    if not form.validate_on_submit():
        flash(_("操作无效，请重试。"), "error")
    elif form.action.data == "rotate":
        code = organisations.rotate_invite_code(cohort)
        flash(_("已生成新的邀请码：%(code)s。旧邀请码已失效。", code=code), "success")
    else:
        organisations.set_invite_enabled(cohort, form.action.data == "enable")
        if cohort.invite_enabled:
            flash(_("邀请码已启用。"), "success")
        else:
            flash(_("邀请码已停用，新学员不能再用它加入。"), "success")
    return redirect(url_for("hr.cohort_settings", cohort_id=cohort.id))


def register(bp) -> None:
    """The cohort settings routes, on the HR blueprint (``studyapp.hr.init_app``)."""
    bp.add_url_rule(
        "/cohorts/<int:cohort_id>/settings", view_func=cohort_settings, methods=["GET", "POST"]
    )
    bp.add_url_rule("/cohorts/<int:cohort_id>/invite", view_func=cohort_invite, methods=["POST"])
