"""The exam sprint for one candidate, from their cards and recent workload."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import select

from studyapp.cards import services
from studyapp.domain.calendar import study_day
from studyapp.domain.content.model import Syllabus
from studyapp.domain.srs.sprint import SprintPlan, sprint_plan, usual_workload
from studyapp.extensions import db
from studyapp.models import ReviewLog, User

WORKLOAD_DAYS = 14


def workload(user_id: int, now: datetime) -> int:
    moments = db.session.scalars(
        select(ReviewLog.reviewed_at).where(
            ReviewLog.user_id == user_id,
            ReviewLog.undone_at.is_(None),
            ReviewLog.reviewed_at >= now - timedelta(days=WORKLOAD_DAYS),
        )
    )
    per_day = Counter(study_day(moment) for moment in moments)
    return usual_workload(list(per_day.values()))


def sprint_for(user: User, syllabus: Syllabus, now: datetime) -> SprintPlan | None:
    context = services.context_for(user)
    slots, _progress = services.slots_for(user.id, syllabus)
    return sprint_plan(slots, now, context.plan, workload(user.id, now))
