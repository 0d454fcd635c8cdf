"""Sign-in, registration, password change and joining a cohort."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from studyapp.access import login_required_any, public, roles
from studyapp.auth import services, sessions, throttle
from studyapp.auth.forms import ChangePasswordForm, JoinCohortForm, LoginForm, RegisterForm
from studyapp.extensions import limiter
from studyapp.models import Role
from studyapp.models.types import utcnow
from studyapp.security import safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


def _apply_field_error(form, error: services.AccountError) -> None:
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(str(error.message), "error")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        now = utcnow()
        keys = throttle.keys(form.email.data, request.remote_addr)
        limits = {
            keys["account"]: current_app.config["LOGIN_FAILURES_PER_ACCOUNT"],
            keys["address"]: current_app.config["LOGIN_FAILURES_PER_ADDRESS"],
        }
        wait = throttle.retry_after(limits, now)
        if wait is not None:
            minutes = (wait + 59) // 60
            flash(_("登录失败次数过多，请 %(minutes)d 分钟后再试。", minutes=minutes), "error")
            page = render_template("auth/login.html", form=form)
            return page, 429, {"Retry-After": str(wait)}
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            throttle.record_failure(list(limits), now)
            flash(_("邮箱或密码不正确。"), "error")
        else:
            throttle.clear(keys["account"])
            agent = request.user_agent.string
            sessions.start_session(user, bool(form.remember.data), agent, now)
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("main.home")))
    return render_template("auth/login.html", form=form), (200 if request.method == "GET" else 400)


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(_register_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm(invite_code=request.args.get("code", ""))
    if form.validate_on_submit():
        registration = services.Registration(
            email=form.email.data,
            name=form.name.data,
            password=form.password.data,
            invite_code=form.invite_code.data or "",
        )
        try:
            user = services.register_candidate(registration)
        except services.AccountError as error:
            _apply_field_error(form, error)
        else:
            sessions.start_session(user, False, request.user_agent.string, utcnow())
            login_user(user)
            flash(_("注册成功，欢迎开始学习！"), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/register.html", form=form), (
        200 if request.method == "GET" else 400
    )


@bp.route("/logout", methods=["POST"])
@login_required_any
def logout():
    sessions.end_session(current_user.session_token, utcnow())
    logout_user()
    flash(_("您已退出登录。"), "success")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required_any
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current_password.data, form.new_password.data, utcnow()
            )
        except services.AccountError as error:
            _apply_field_error(form, error)
        else:
            flash(_("密码已修改。"), "success")
            return redirect(url_for("main.home"))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/password.html", form=form), status


@bp.route("/join", methods=["GET", "POST"])
@roles(Role.CANDIDATE)
def join_cohort():
    form = JoinCohortForm(invite_code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            cohort = services.join_cohort(current_user, form.invite_code.data)
        except services.AccountError as error:
            _apply_field_error(form, error)
        else:
            flash(_("已加入班级：%(name)s", name=cohort.name), "success")
            return redirect(url_for("main.home"))
    status = 200 if request.method == "GET" else 400
    return render_template("auth/join.html", form=form), status
