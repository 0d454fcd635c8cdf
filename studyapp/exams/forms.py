"""Reading answers from HTML forms into the shape the API takes: each question type knows how
its inputs are posted (``QuestionType.answer_from_form``)."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from studyapp.domain.questions import question_type


def answer_from_form(form: MultiDict, type_name: str, name: str = "answer"):
    """A posted answer: a letter, letters, true/false, text or an order; None when left empty."""
    return question_type(type_name).answer_from_form(form, name)


def ticked_from_form(form: MultiDict, name: str = "ticked") -> list[int]:
    return [int(value) for value in form.getlist(name) if value.isdigit()]
