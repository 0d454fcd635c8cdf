"""The candidate's own readiness on the home page: "if the exam were today", and what to study."""

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
    result = readiness.current_summary(user.id, syllabus, blueprint, utcnow())
    weakest = [
        (syllabus.lessons[topic["lesson"]], topic)
        for topic in result["weakest"]
        if topic["lesson"] in syllabus.lessons
    ]
    return "hr/_readiness.html", {"readiness": result, "weakest": weakest}
