"""账户安全: the signed-in sessions and API tokens of the account, and ending them."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.auth import sessions
from studyapp.auth.forms import TokenForm
from studyapp.models.types import utcnow

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/security", methods=["GET", "POST"])
@login_required_any
def security():
    form = TokenForm()
    new_token = None
    now = utcnow()
    if form.validate_on_submit():
        new_token = sessions.issue_api_token(current_user, form.name.data, now, form.days.data)
        form = TokenForm(formdata=None)
    status = 400 if request.method == "POST" and new_token is None else 200
    return render_template(
        "auth/security.html",
        form=form,
        new_token=new_token,
        tokens=[(t, sessions.token_state(t, now)) for t in sessions.api_tokens(current_user.id)],
        live=sessions.live_sessions(current_user.id, now),
        current=sessions.current_session_id(current_user.session_token),
    ), status


@bp.route("/security/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required_any
def revoke_token(token_id: int):
    if not sessions.revoke_api_token(current_user.id, token_id, utcnow()):
        abort(404)
    flash(_("令牌已吊销，使用它的程序将无法再访问。"), "success")
    return redirect(url_for("account.security"))


@bp.route("/security/sessions/end-others", methods=["POST"])
@login_required_any
def end_other_sessions():
    count = sessions.end_other_sessions(current_user, utcnow())
    flash(_("已退出其他 %(count)d 处登录。", count=count), "success")
    return redirect(url_for("account.security"))
