"""Messages the domain writes in Chinese and the web UI shows in the reader's language.

The domain stays plain Python: it never translates. A static message is marked with ``N_``;
a message with values is a ``Text``, the Chinese sentence itself (a real ``str``, so comparing
and printing it work as before) that remembers its template and values, so the presentation
layer can translate the template and fill in the same values (``studyapp.i18n.localise``).
pybabel extracts both (``-k Text -k N_``).
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:  # noqa: N802 - the name pybabel extracts (babel.cfg: -k N_)
    """Marks a message for translation where it is shown; the domain itself stays in Chinese."""
    return message


class Text(str):
    """``Text("第 {line} 行", line=3)`` is "第 3 行", keeping ``template`` and ``values``."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Text:
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template = template
        text.values = values
        return text

    def clipped(self, limit: int) -> Text:
        """The same message with each quoted value cut to ``limit`` characters."""
        values = {name: clip(value, limit) for name, value in self.values.items()}
        return Text(self.template, **values)

    def __reduce__(self) -> tuple[Any, ...]:  # pickles (a cache, a worker) keep the template
        return _rebuild, (self.template, self.values)


class Listing(tuple[str, ...]):
    """Several values shown as one (question types, allowed letters): "单选题、多选题"."""

    __slots__ = ()
    separator = N_("、")  # ", " in English

    def __format__(self, spec: str) -> str:
        return format(self.separator.join(self), spec)


class Alternatives(Listing):
    """Values of which one is to be chosen: "exam 或 practice"."""

    __slots__ = ()
    separator = N_(" 或 ")  # " or " in English


def _rebuild(template: str, values: dict[str, Any]) -> Text:
    return Text(template, **values)


def to_json(value: Any) -> Any:
    """A message (or one of its values) as plain JSON data that ``from_json`` turns back."""
    if isinstance(value, Text):
        values = {name: to_json(member) for name, member in value.values.items()}
        return {"template": value.template, "values": values}
    if isinstance(value, Listing):
        kind = "alternatives" if isinstance(value, Alternatives) else "listing"
        return {kind: [to_json(member) for member in value]}
    return value if value is None or isinstance(value, str | int | float) else str(value)


def from_json(data: Any) -> Any:
    if isinstance(data, dict) and "template" in data:
        template, values = data["template"], data["values"]  # (a variable: not for extraction)
        return Text(template, **{name: from_json(value) for name, value in values.items()})
    if isinstance(data, dict) and data.keys() <= {"listing", "alternatives"}:
        kind = Alternatives if "alternatives" in data else Listing
        return kind(from_json(member) for member in next(iter(data.values())))
    return data


def clip(value: Any, limit: int) -> Any:
    """A long quoted string (a 100,000-character "column name") cut to what a reader can use."""
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value
