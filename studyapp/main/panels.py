"""Panels on a signed-in user's home page; each feature registers what it has to say there.

A panel is a function of the user returning ``(template, context)``, or None to stay hidden.
"""

from collections.abc import Callable

from flask import render_template
from markupsafe import Markup

Panel = Callable[[object], tuple[str, dict] | None]
# By name: an app built twice in one process (tests do) registers each panel once.
PANELS: dict[str, tuple[int, Panel]] = {}


def register(order: int, panel: Panel) -> None:
    PANELS[f"{panel.__module__}.{panel.__qualname__}"] = (order, panel)


def render_panels(user) -> list[Markup]:
    rendered = []
    for _order, panel in sorted(PANELS.values(), key=lambda pair: pair[0]):
        result = panel(user)
        if result is not None:
            template, context = result
            rendered.append(Markup(render_template(template, **context)))
    return rendered
