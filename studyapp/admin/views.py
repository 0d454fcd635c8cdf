from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from studyapp.access import roles
from studyapp.admin.forms import (
    ROLE_LABELS,
    CohortForm,
    EditUserForm,
    NewUserForm,
    OrganisationForm,
)
from studyapp.auth import organisations, services
from studyapp.extensions import db
from studyapp.models import Organisation, Role, User

bp = Blueprint("admin", __name__, url_prefix="/admin")

NO_ORGANISATION = 0


def _organisation_choices() -> list[SelectChoice]:
    return [
        SelectChoice(NO_ORGANISATION, _("（无）")),
        *[SelectChoice(o.id, o.name) for o in services.organisations_by_name()],
    ]


def _status() -> int:
    return 200 if request.method == "GET" else 400


@bp.route("/organisations", methods=["GET", "POST"])
@roles(Role.ADMIN)
def organisation_list():
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisations.create_organisation(form.name.data)
        except services.AccountError as error:
            form.name.errors = [error.message]
        else:
            flash(_("机构已创建。"), "success")
            return redirect(url_for("admin.organisation_list"))
    items = services.organisations_by_name()
    return render_template("admin/organisations.html", organisations=items, form=form), _status()


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def organisation_detail(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = CohortForm()
    if form.validate_on_submit():
        try:
            organisations.create_cohort(organisation, form.name.data, form.exam_date.data)
        except services.AccountError as error:
            form.name.errors = [error.message]
        else:
            flash(_("班级已创建。"), "success")
            return redirect(url_for("admin.organisation_detail", organisation_id=organisation.id))
    return render_template(
        "admin/organisation.html", organisation=organisation, form=form
    ), _status()


@bp.route("/users", methods=["GET", "POST"])
@roles(Role.ADMIN)
def user_list():
    form = NewUserForm()
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():
        try:
            services.create_user(
                form.email.data,
                form.name.data,
                form.password.data,
                form.role.data,
                form.organisation_id.data or None,
            )
            db.session.commit()
        except services.AccountError as error:
            db.session.rollback()
            getattr(form, error.field or "email").errors = [error.message]
        else:
            flash(_("用户已创建。"), "success")
            return redirect(url_for("admin.user_list"))
    users = services.newest_users()
    return render_template(
        "admin/users.html", users=users, form=form, role_labels=ROLE_LABELS
    ), _status()


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = EditUserForm(obj=user, organisation_id=user.organisation_id or NO_ORGANISATION)
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():
        try:
            services.update_account(
                user, form.role.data, form.organisation_id.data or None, form.active.data,
                by=current_user,
            )  # fmt: skip
        except services.AccountError as error:
            abort(400, str(error.message))
        flash(_("用户已更新。"), "success")
        return redirect(url_for("admin.user_list"))
    return render_template("admin/user_edit.html", user=user, form=form), _status()
