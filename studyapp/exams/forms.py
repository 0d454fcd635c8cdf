"""Reading answers from HTML forms into the shape the API takes."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict


def answer_from_form(form: MultiDict, question_type: str, name: str = "answer"):
    """A posted answer: a letter, letters, true/false or text; None when left empty."""
    if question_type == "multiple":
        letters = form.getlist(name)
        return letters or None
    raw = form.get(name)
    if raw is None or raw == "":
        return None
    if question_type == "judge":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def ticked_from_form(form: MultiDict, name: str = "ticked") -> list[int]:
    return [int(value) for value in form.getlist(name) if value.isdigit()]
