"""The candidate's own readiness on the home page: "if the exam were today", and what to study."""

from studyapp.cards.services import context_for, slots_for
from studyapp.cards.timing import card_weights_of, review_times
from studyapp.domain.readiness.whatif import EXTRA_MINUTES, pass_chances
from studyapp.domain.srs.points import candidates_of
from studyapp.extensions import db
from studyapp.hr import readiness
from studyapp.models import Role
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus


def readiness_panel(user):
    cohort = user.cohort
    if user.role != Role.CANDIDATE and cohort is None:
        return None
    syllabus = current_syllabus()
    blueprint = readiness.target_blueprint(syllabus, cohort)
    if blueprint is None:
        return None
    now = utcnow()
    result = readiness.current_summary(user.id, syllabus, blueprint, now)
    result = {**result, "what_if": what_if(user, syllabus, blueprint, result, now)}
    weakest = [
        (syllabus.lessons[topic["lesson"]], topic)
        for topic in result["weakest"]
        if topic["lesson"] in syllabus.lessons
    ]
    return "hr/_readiness.html", {"readiness": result, "weakest": weakest}


def what_if(user, syllabus, blueprint, result: dict, now) -> dict | None:
    """Exam-day pass chance at the candidate's minutes a day and EXTRA_MINUTES more, kept with
    the cached summary (recomputed when the summary is)."""
    context = context_for(user)
    minutes = context.settings.minutes_per_day
    if not minutes or not context.plan.active(now) or not result.get("enough_evidence"):
        return None
    cached = result.get("what_if")
    if cached and cached["minutes"] == minutes:
        return cached
    slots, _progress = slots_for(user.id, syllabus)
    timing = review_times(user.id, now)
    cards = candidates_of(slots, card_weights_of(syllabus), timing.per_card, timing.usual)
    answers = readiness.answer_evidence(user.id, syllabus)
    chance = pass_chances(
        syllabus, blueprint, cards, answers, now, context.plan, (minutes, minutes + EXTRA_MINUTES)
    )
    value = {"minutes": minutes, "extra": EXTRA_MINUTES, "before": chance[0], "after": chance[1]}
    if readiness.cached_row(user.id) is not None:
        readiness.store(user.id, {**result, "what_if": value}, now)
        db.session.commit()
    return value
