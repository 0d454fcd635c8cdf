"""Practice pages: one question at a time with instant feedback; the wrong-answer book."""

import secrets

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.domain.exams.snapshot import practice_snapshot
from studyapp.domain.questions import BadAnswer
from studyapp.exams import attempts, practice, wrongbook, wrongbook_list
from studyapp.exams.forms import answer_from_form, ticked_from_form
from studyapp.exams.present import question_view
from studyapp.exams.scoring_labels import STATUS_LABELS
from studyapp.models.types import utcnow
from studyapp.security import safe_next
from studyapp.syllabus import current_syllabus

bp = Blueprint("practice", __name__, url_prefix="/practice")

REMEMBERED = ("chapter", "sequential")  # modes that resume where the candidate stopped


@bp.route("/")
@login_required_any
def hub():
    syllabus = current_syllabus()
    answered = practice.chapter_progress(current_user.id)
    rows = []
    for chapter in syllabus.chapter_list():
        ids = [q.id for q in syllabus.questions_of(chapter.id)]
        done = [answered[i] for i in ids if i in answered]
        mean = sum(score for _count, score in done) / len(done) if done else None
        rows.append((chapter, len(ids), len(done), mean))
    return render_template(
        "exams/practice_hub.html",
        rows=rows,
        sequential_at=practice.cursor_position(current_user.id, "sequential"),
        total=sum(row[1] for row in rows),
        wrong=len(wrongbook.open_entries(current_user.id)),
        bookmarked=len(wrongbook.bookmarks(current_user.id, "question")),
        seed=secrets.token_hex(4),
    )


@bp.route("/<mode>/<scope>", methods=["GET", "POST"])
@login_required_any
def question(mode: str, scope: str):
    if mode not in practice.MODES:
        abort(404)
    syllabus = current_syllabus()
    ids = practice.question_list(syllabus, current_user.id, mode, scope)
    cursor_scope = f"{mode}:{scope}"
    default = practice.cursor_position(current_user.id, cursor_scope) if mode in REMEMBERED else 0
    index = request.args.get("i", default, type=int)
    if not ids:
        return render_template("exams/practice_empty.html", mode=mode)
    index = max(0, min(index, len(ids) - 1))
    item = syllabus.questions[ids[index]]
    if item.id in attempts.sealed_question_ids(current_user.id):
        # In an open exam of the candidate's: neither its key nor its explanation, nor a
        # practice answer (whose feedback would give the key away).
        return render_template(
            "exams/practice_sealed.html", question=item, mode=mode, scope=scope, index=index,
            count=len(ids),
        ), 409  # fmt: skip
    study = request.args.get("study") == "1"
    feedback = error = given = None
    if request.method == "POST":
        given = answer_from_form(request.form, item.type)
        ticked = ticked_from_form(request.form) if "assessed" in request.form else None
        try:
            feedback = practice.answer(
                current_user.id, syllabus, item.id, given, mode, utcnow(), ticked
            )
        except BadAnswer as bad:
            error = str(bad)
        if mode in REMEMBERED and feedback is not None and feedback.fraction is not None:
            practice.move_cursor(current_user.id, cursor_scope, min(index + 1, len(ids) - 1))
    reveal = study or feedback is not None
    view = question_view(practice_snapshot(item), given, reveal)
    return render_template(
        "exams/practice_question.html", q=view, reveal=reveal,
        question=item, mode=mode, scope=scope, index=index, count=len(ids), study=study,
        feedback=feedback, error=error, given=given, status_labels=STATUS_LABELS,
        lesson=syllabus.lessons[item.lesson],
        bookmarked=item.id in wrongbook.bookmarks(current_user.id, "question"),
    )  # fmt: skip


@bp.route("/bookmark", methods=["POST"])
@login_required_any
def bookmark():
    kind = request.form.get("kind", "question")
    item_id = request.form.get("item_id", "")
    syllabus = current_syllabus()
    known = syllabus.questions if kind == "question" else syllabus.cards if kind == "card" else {}
    if item_id not in known:
        abort(404)
    bookmarked = wrongbook.toggle_bookmark(current_user.id, kind, item_id)
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return jsonify(bookmarked=bookmarked)  # the page's script: no reload, feedback kept
    return redirect(safe_next(request.form.get("next"), url_for("practice.hub")))


@bp.route("/wrong-book")
@login_required_any
def wrong_book():
    wanted = wrongbook_list.BookFilter(
        request.args.get("chapter") or wrongbook_list.ALL,
        request.args.get("type") or wrongbook_list.ALL,
    )
    page = wrongbook_list.book_page(current_user.id, current_syllabus(), wanted)
    return render_template("exams/wrong_book.html", **page)
