from collections import Counter

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.domain.content.render import render_markdown
from studyapp.domain.content.search import search as search_syllabus
from studyapp.domain.questions import QUESTION_TYPES
from studyapp.lessons import progress, services
from studyapp.models.types import utcnow
from studyapp.syllabus import cite, current_syllabus

bp = Blueprint("lessons", __name__)


@bp.route("/course")
@login_required_any
def course():
    syllabus = current_syllabus()
    read = services.read_times(current_user.id)
    return render_template(
        "lessons/course.html",
        syllabus=syllabus,
        rows=progress.course_progress(syllabus, set(read)),
        next_lesson=progress.next_unread(syllabus, set(read)),
    )


@bp.route("/chapters/<chapter_id>")
@login_required_any
def chapter(chapter_id: str):
    syllabus = current_syllabus()
    chapter = syllabus.chapters.get(chapter_id)
    if chapter is None:
        abort(404)
    questions = syllabus.questions_of(chapter_id)
    counts = Counter(q.type for q in questions)  # by question type, in the registry's order
    return render_template(
        "lessons/chapter.html",
        chapter=chapter,
        lessons=syllabus.lessons_of(chapter_id),
        cards=syllabus.cards_of(chapter_id),
        question_counts=[(name, counts[name]) for name in QUESTION_TYPES if counts[name]],
        read=services.read_times(current_user.id),
    )


@bp.route("/lessons/<lesson_id>")
@login_required_any
def lesson(lesson_id: str):
    syllabus = current_syllabus()
    lesson = syllabus.lessons.get(lesson_id)
    if lesson is None:
        abort(404)
    previous, following = progress.neighbours(syllabus, lesson)
    return render_template(
        "lessons/lesson.html",
        lesson=lesson,
        chapter=syllabus.chapters[lesson.chapter],
        rendered=render_markdown(cite(lesson.body)),
        previous=previous,
        following=following,
        read_at=services.read_times(current_user.id).get(lesson.id),
    )


@bp.route("/lessons/<lesson_id>/read", methods=["POST"])
@login_required_any
def mark_read(lesson_id: str):
    lesson = current_syllabus().lessons.get(lesson_id)
    if lesson is None or lesson.retired:
        abort(404)
    services.mark_read(current_user.id, lesson.id, utcnow())
    flash(_("已记录：本课已读。"), "success")
    return redirect(url_for("lessons.lesson", lesson_id=lesson.id))


@bp.route("/search")
@login_required_any
def search():
    query = request.args.get("q", "").strip()[:100]
    hits = search_syllabus(current_syllabus(), query) if query else []
    return render_template("lessons/search.html", query=query, hits=hits)
