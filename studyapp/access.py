"""Who may open which view, decided in one place.

Every view declares its policy with ``@public``, ``@login_required_any`` or ``@roles(...)``; one
``before_request`` hook enforces it. A view that declares nothing is refused (fail closed), and
the route-by-role test walks every registered route to keep it that way.
"""

from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, current_app, request
from flask_login import current_user

from studyapp.extensions import login_manager
from studyapp.models import Role

PUBLIC = frozenset({"anonymous", Role.CANDIDATE, Role.TRAINER, Role.HR, Role.ADMIN})
LOGGED_IN = frozenset({Role.CANDIDATE, Role.TRAINER, Role.HR, Role.ADMIN})

# Endpoints of extensions that carry no policy of ours.
_BUILTIN_PUBLIC = {"static"}


def _with_policy(allowed: frozenset[str]) -> Callable:
    def decorate(view: Callable) -> Callable:
        view.access = allowed  # type: ignore[attr-defined]
        return view

    return decorate


public = _with_policy(PUBLIC)
login_required_any = _with_policy(LOGGED_IN)


def roles(*names: str) -> Callable:
    """Allow the named roles; admins may open every page that any logged-in role may."""
    return _with_policy(frozenset(names) | {Role.ADMIN})


def policy_of(endpoint: str) -> frozenset[str] | None:
    if endpoint in _BUILTIN_PUBLIC:
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access", None)


def actor_role() -> str:
    return current_user.role if current_user.is_authenticated else "anonymous"


def enforce_access():
    if request.endpoint is None:  # no route matched: the 404 handler answers
        return None
    allowed = policy_of(request.endpoint)
    if allowed is None:
        abort(403)
    role = actor_role()
    if role in allowed:
        return None
    if role == "anonymous":
        if request.path.startswith("/api/"):
            abort(401)
        return login_manager.unauthorized()
    abort(403)


def same_organisation_or_404(organisation_id: int | None) -> None:
    """Hide another organisation's records as if they did not exist."""
    if current_user.role == Role.ADMIN:
        return
    if organisation_id is None or organisation_id != current_user.organisation_id:
        abort(404)


def init_app(app: Flask) -> None:
    app.before_request(enforce_access)


def wraps_policy(view: Callable) -> Callable:
    """Keep a view's policy when another decorator wraps it."""

    def decorate(wrapper: Callable) -> Callable:
        wrapped = wraps(view)(wrapper)
        wrapped.access = getattr(view, "access", None)  # type: ignore[attr-defined]
        return wrapped

    return decorate
