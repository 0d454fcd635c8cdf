"""The organisation's bank: its releases, publishing a preview, rolling back, downloading."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import roles
from studyapp.i18n import problem_line
from studyapp.models import Role
from studyapp.syllabus import banks as served_banks
from studyapp.trainer import banks

bp = Blueprint("bank", __name__, url_prefix="/trainer/bank")


def _organisation_id() -> int:
    if current_user.organisation_id is None:
        abort(404)
    return current_user.organisation_id


@bp.route("")
@roles(Role.TRAINER)
def index():
    organisation_id = _organisation_id()
    current = served_banks.current_release(organisation_id)
    return render_template(
        "trainer/bank.html", releases=banks.history(organisation_id), current=current,
        organisation=current_user.organisation, broken=banks.broken(organisation_id),
    )  # fmt: skip


@bp.route("/<int:release_id>/publish", methods=["POST"])
@roles(Role.TRAINER)
def publish(release_id: int):
    ok, problems = banks.publish(_organisation_id(), release_id, current_user.email)
    if ok:
        flash(_("已发布到本机构：本机构的学员现在就能练习这些题。"), "success")
    else:
        for problem in problems[:5]:
            flash(_("没有发布：%(problem)s", problem=problem_line(problem)), "error")
    return redirect(url_for("bank.index"))


@bp.route("/<int:release_id>/rollback", methods=["POST"])
@roles(Role.TRAINER)
def rollback(release_id: int):
    if banks.rollback(_organisation_id(), release_id, current_user.email):
        flash(_("已撤回这个版本：本机构回到上一个版本的题库。"), "success")
    else:
        flash(_("只能撤回正在使用的版本。"), "error")
    return redirect(url_for("bank.index"))


@bp.route("/<int:release_id>/download")
@roles(Role.TRAINER)
def download(release_id: int):
    release = banks.release_of(_organisation_id(), release_id)
    if release is None:
        abort(404)
    name = f"bank-{release.organisation_id}-{release.number or 'preview'}.zip"
    return Response(release.archive, mimetype="application/zip",
                    headers={"Content-Disposition": f"attachment; filename={name}"})  # fmt: skip


@bp.route("/<int:release_id>/rejects")
@roles(Role.TRAINER)
def rejects(release_id: int):
    release = banks.release_of(_organisation_id(), release_id)
    if release is None or not release.rejects:
        abort(404)
    name = (release.summary or {}).get("rejects_name", "rejects.txt")
    return Response(release.rejects.encode(), mimetype="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={name}"})  # fmt: skip
