"""The navigation bar: features register their entry pages; each role sees what it may open."""

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l

from studyapp.access import actor_role, policy_of
from studyapp.models import Role


@dataclass(frozen=True)
class NavEntry:
    endpoint: str
    label: object  # a lazy string, translated when rendered
    order: int
    roles: frozenset[str] | None = None  # narrower than the view's policy, e.g. admin-only menus


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    active: bool


# By endpoint: an app built twice in one process (tests do) registers each entry once.
ENTRIES: dict[str, NavEntry] = {
    "admin.organisation_list": NavEntry(
        "admin.organisation_list", _l("机构"), 90, frozenset({Role.ADMIN})
    ),
    "admin.user_list": NavEntry("admin.user_list", _l("用户"), 91, frozenset({Role.ADMIN})),
}


def add_entry(endpoint: str, label, order: int, only: set[str] | None = None) -> None:
    ENTRIES[endpoint] = NavEntry(endpoint, label, order, frozenset(only) if only else None)


def nav_items() -> list[NavItem]:
    role = actor_role()
    if role == "anonymous":
        return []
    items = []
    for entry in sorted(ENTRIES.values(), key=lambda e: e.order):
        allowed = policy_of(entry.endpoint)
        if allowed is None or role not in allowed or (entry.roles and role not in entry.roles):
            continue
        url = url_for(entry.endpoint)
        items.append(NavItem(url, str(entry.label), request.path.startswith(url)))
    return items


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_items"] = nav_items
