"""The rows the CSRF cases act on, each made the first time a case asks for it."""

from __future__ import annotations

import random
from functools import cached_property

from sqlalchemy import select

from studyapp.auth import sessions
from studyapp.cards import reviews
from studyapp.exams import attempts
from studyapp.extensions import db
from studyapp.models import ApiToken, Attempt, AttemptItem, Cohort, Organisation, User
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.factories import gen_cohort, gen_organisation, gen_user

STAFF = ("trainer", "hr", "admin")


class World:
    """Rows made on first use, so each case pays only for what it touches."""

    def __init__(self):
        self.users: dict[str, User] = {}

    @cached_property
    def organisation(self) -> Organisation:
        return gen_organisation("本机构")

    @cached_property
    def cohort(self) -> Cohort:
        return gen_cohort(self.organisation, "一班")

    def user(self, key: str) -> User:
        """``candidate`` is in the cohort, ``newbie`` in none; staff belong to the organisation."""
        if key not in self.users:
            self.users[key] = gen_user(
                role=key if key in STAFF else "candidate",
                email=f"{key}@example.com",
                organisation=self.organisation if key in STAFF else None,
                cohort=self.cohort if key == "candidate" else None,
            )
        return self.users[key]

    @property
    def candidate(self) -> User:
        return self.user("candidate")

    @cached_property
    def candidate_token(self) -> ApiToken:
        sessions.issue_api_token(self.candidate, "script")
        return db.session.scalar(select(ApiToken).where(ApiToken.user_id == self.candidate.id))

    @cached_property
    def other_session(self) -> str:
        """The candidate signed in on another device too: something to sign out of."""
        return sessions.start_session(self.candidate, False, "another phone", utcnow())

    @cached_property
    def open_attempt(self) -> Attempt:
        return attempts.start_attempt(
            self.candidate, current_syllabus(), "quick-quiz", utcnow(), random.Random(1)
        )

    @cached_property
    def judge_item(self) -> AttemptItem:
        return next(i for i in self.open_attempt.items if i.snapshot["type"] == "judge")

    @cached_property
    def sat(self) -> Attempt:
        """A submitted, unanswered quick quiz: something for item analysis and regrading."""
        return self._submitted("quick-quiz")

    @cached_property
    def short(self) -> Attempt:
        """A submitted paper of short answers, for the candidate to tick key points on."""
        return self._submitted("skills-short")

    def _submitted(self, blueprint_id: str) -> Attempt:
        attempt = attempts.start_attempt(
            self.candidate, current_syllabus(), blueprint_id, utcnow(), random.Random(2)
        )
        return attempts.submit(attempt, utcnow())

    @cached_property
    def reviewed_card(self) -> str:
        card_id = next(iter(current_syllabus().cards))
        reviews.review_card(self.candidate, current_syllabus(), card_id, 3, utcnow())
        return card_id

    @cached_property
    def single_question(self):
        return next(q for q in current_syllabus().questions.values() if q.type == "single")
