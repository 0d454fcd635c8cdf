"""The bookmarks list and taking entries out of the wrong-answer book or the bookmarks by hand."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.exams import wrongbook_list
from studyapp.security import safe_next
from studyapp.syllabus import current_syllabus

bp = Blueprint("book", __name__, url_prefix="/practice")


@bp.route("/bookmarks")
@login_required_any
def bookmarks():
    page = wrongbook_list.bookmarks_page(current_user.id, current_syllabus())
    return render_template("exams/bookmarks.html", **page)


@bp.route("/bookmarks/remove", methods=["POST"])
@login_required_any
def remove_bookmark():
    kind = request.form.get("kind", "question")
    if kind not in ("question", "card"):
        abort(404)
    wrongbook_list.remove_bookmark(current_user.id, kind, request.form.get("item_id", ""))
    flash(_("已取消收藏。"), "success")
    return redirect(url_for("book.bookmarks"))


@bp.route("/wrong-book/<question_id>/remove", methods=["POST"])
@login_required_any
def remove_wrong(question_id: str):
    if not wrongbook_list.remove(current_user.id, question_id):
        abort(404)
    flash(_("已移出错题本；以后再答错会重新收进来。"), "success")
    return redirect(safe_next(request.form.get("next"), url_for("practice.wrong_book")))
