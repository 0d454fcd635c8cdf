"""What every question type shares: the drawn snapshot, an answer's shape, a mark, and the
``QuestionType`` interface each type implements once (``registry.py`` lists them).

A type carries everything about itself, as CTFd's challenge types do: reading and checking its
YAML, its snapshot in a paper, normalising and scoring an answer, the chance of a guess, what the
API and the pages show, how a form posts it, and its interchange fields. Callers ask the
registry; nothing outside a type's module tests ``type == "…"``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Protocol, overload

from studyapp.domain.content import model
from studyapp.domain.content.items import Common
from studyapp.domain.content.reader import Reader
from studyapp.domain.content.text import N_ as N_  # re-exported: the types mark their labels

LETTERS = "ABCDEFGH"


class BadAnswer(ValueError):
    """An answer that does not fit the question (shown to the candidate, so in Chinese)."""


class FormData(Protocol):
    """What a posted form offers (werkzeug's MultiDict, or a plain test double)."""

    @overload
    def get(self, key: str) -> Any: ...

    @overload
    def get(self, key: str, default: Any) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


@dataclass(frozen=True)
class ItemSnapshot:
    """A question as drawn into an attempt: frozen, so editing the bank never changes a past
    result. Which fields a type fills is the type's business (``QuestionType.snapshot``)."""

    question_id: str
    type: str
    chapter: str
    lesson: str
    source: str
    stem: str
    explanation: str
    points: float
    part_id: str
    section: int
    options: tuple[str, ...] = ()  # in the order shown to this candidate
    keys: tuple[int, ...] = ()  # shown positions of the correct options (ordering: in order)
    permutation: tuple[int, ...] = ()  # shown position i is original option permutation[i]
    judge_answer: bool | None = None
    model_answer: str = ""
    key_points: tuple[str, ...] = ()
    scoring: str = "all_or_nothing"
    marking: str = "self"
    voided: bool = False  # a trainer voided the question after the fact: full marks for all

    def to_json(self) -> Fields:
        # Every field is a scalar or a tuple of scalars: a shallow copy is what asdict would
        # build, at a fraction of its cost (a start snapshots 125 of them).
        return dict(vars(self))

    @classmethod
    def from_json(cls, data: Fields) -> ItemSnapshot:
        fields = dict(data)
        for name in ("options", "keys", "permutation", "key_points"):
            fields[name] = tuple(fields.get(name) or ())
        return cls(**fields)

    def original_indexes(self, shown: list[int] | tuple[int, ...]) -> tuple[int, ...]:
        """Shown positions chosen → the question's own option indexes (for item analysis)."""
        if not self.permutation:
            return tuple(shown)
        return tuple(sorted(self.permutation[i] for i in shown))


@dataclass(frozen=True)
class AnswerForm:
    """What a valid answer to an item looks like: its type and how many options it shows."""

    type: str
    option_count: int = 0

    @classmethod
    def of(cls, item: ItemSnapshot) -> AnswerForm:
        return cls(item.type, len(item.options))

    @classmethod
    def from_json(cls, snapshot: Fields) -> AnswerForm:
        """From a stored snapshot, without building the whole ItemSnapshot."""
        return cls(snapshot["type"], len(snapshot.get("options") or ()))


@dataclass(frozen=True)
class Mark:
    points: float | None  # None while a short answer waits to be marked
    status: str  # right | wrong | partial | unanswered | pending


Report = Callable[[str, str, str], None]  # (field, message, expected) at that field's line
Fields = dict[str, Any]  # a type's own fields: of a snapshot, a draft or a questions.yaml entry


class DraftLike(Protocol):
    """What a type reads of an interchange draft (``domain.content.interchange.draft.Draft``)."""

    @property
    def options(self) -> tuple[str, ...]: ...
    @property
    def keys(self) -> frozenset[int]: ...
    @property
    def answer(self) -> bool | None: ...
    @property
    def model_answer(self) -> str: ...
    @property
    def key_points(self) -> tuple[str, ...]: ...


def required_text(reader: Reader, name: str) -> str:
    """A required text field; "" when missing (the reader has reported it and the item is
    dropped)."""
    return reader.text(name) or ""


class QuestionType:
    """One kind of question. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    label: ClassVar[str]  # 单选题 …, also how the checker names the type
    short_label: ClassVar[str]  # 单选 …, in counts
    aliases: ClassVar[tuple[str, ...]] = ()  # other names in CSV/YAML imports (单选, 简答 …)
    fields: ClassVar[tuple[str, ...]]  # YAML fields besides the common ones
    template: ClassVar[str]  # the Jinja partial with the macros ``inputs`` and ``review``
    # How a page's script reads the answer from the inputs: letter, letters, truth, text, order.
    answer_shape: ClassVar[str]
    scorings: ClassVar[tuple[str, ...]] = ("all_or_nothing",)  # what a section may ask
    auto_scored: ClassVar[bool] = True  # False: marked against key points (short)
    practice_shuffles: ClassVar[bool] = False  # True: practice shows the options shuffled too
    # The interchange formats that can carry this type (export skips and counts the others).
    formats: ClassVar[frozenset[str]] = frozenset({"yaml", "csv", "gift"})
    # Guessing: the chance a candidate who knows nothing still scores (readiness, analysis).
    guess: ClassVar[float] = 0.0

    # -- content ------------------------------------------------------------------------------
    def read(self, reader: Reader, common: Common) -> model.Question | None:
        raise NotImplementedError

    def draft_fields(self, question: model.Question) -> Fields:
        """The type's fields of an interchange Draft for ``question`` (export)."""
        raise NotImplementedError

    def fields_from_values(self, values: Fields, report: Report) -> Fields | None:
        """The type's Draft fields from an import's named values (answer as written), or None
        after reporting why not."""
        raise NotImplementedError

    def yaml_fields(self, draft: DraftLike) -> Fields:
        """A draft's type fields as questions.yaml writes them."""
        raise NotImplementedError

    def answer_cell(self, draft: DraftLike) -> str:
        """The ``answer`` column of a CSV row."""
        return ""

    # -- papers -------------------------------------------------------------------------------
    def shuffle(self, question: model.Question, rng: random.Random) -> tuple[int, ...] | None:
        return None

    def snapshot_fields(self, question: model.Question, order: tuple[int, ...] | None) -> Fields:
        raise NotImplementedError

    def with_key(self, snap: ItemSnapshot, question: model.Question) -> ItemSnapshot:
        """The snapshot with the bank's current key (regrading a flawed item); ValueError when
        the question changed too much to map the answers given onto it."""
        if not self.auto_scored:
            raise ValueError("这类题按要点评分，不能重新按答案评分。")
        if len(getattr(question, "options", getattr(question, "items", ()))) != len(snap.options):
            raise ValueError("选项个数变了，不能按现在的答案重新评分；请改用“作废本题”。")
        fields = self.snapshot_fields(question, snap.permutation or None)
        return replace(snap, **{name: value for name, value in fields.items() if name != "options"})

    # -- answers and marks --------------------------------------------------------------------
    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        """A saved answer in canonical form (None clears it); raises BadAnswer."""
        raise NotImplementedError

    def answer_from_form(self, form: FormData, name: str) -> Any:
        """A posted answer as the API takes it; None when left empty."""
        raw = form.get(name)
        return None if raw in (None, "") else raw

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        raise NotImplementedError

    def chosen(self, item: ItemSnapshot, answer: Any) -> tuple[int, ...]:
        """The options an answer chose, as the question's own indexes (item analysis)."""
        return ()

    def original_keys(self, item: ItemSnapshot) -> tuple[int, ...]:
        """The correct options as the question's own indexes (item analysis)."""
        return ()

    def analysed_options(self, item: ItemSnapshot) -> int:
        """How many options item analysis tallies for distractors (0: none)."""
        return 0

    def key_payload(self, item: ItemSnapshot) -> Any:
        """The key as the API and result pages show it after submission."""
        return None

    def partial_goes_to_book(self) -> bool:
        """Whether a partly right answer lands in the wrong-answer book."""
        return True

    def curve_name(self, scoring: str) -> str:
        """The readiness model's response curve for this type under a section's scoring."""
        return self.name


def wrong_or_right(item: ItemSnapshot, right: bool) -> Mark:
    return Mark(item.points if right else 0.0, "right" if right else "wrong")
