from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import roles
from studyapp.domain.content.interchange import Defaults
from studyapp.models import Role
from studyapp.trainer import banks, services
from studyapp.trainer.forms import ImportForm

bp = Blueprint("trainer", __name__, url_prefix="/trainer")
PREVIEW_ITEMS = 100  # questions and problems the preview lists; the rest are counted


def size_label(size: int) -> str:
    """``2097152`` → ``"2 MB"``, ``2048`` → ``"2 KB"``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:g} MB"
    return f"{size / 1024:g} KB"


@bp.url_value_preprocessor
def limit_upload_size(endpoint, values) -> None:
    """Refuse an oversized upload before anything reads the body.

    URL value preprocessors run before every ``before_request`` hook, so this comes before the
    CSRF check, which is the first to read the form.
    """
    limit = current_app.config["TRAINER_UPLOAD_MAX_BYTES"]
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        message = _(
            "上传的文件太大：不能超过 %(size)s。请把题库拆成几个文件分别预览。",
            size=size_label(limit),
        )
        abort(413, message)


@bp.route("/import", methods=["GET", "POST"])
@roles(Role.TRAINER)
def import_preview():
    syllabus = services.served_syllabus()
    form = ImportForm()
    form.chapter.choices = services.chapter_choices(syllabus)
    form.lesson.choices = services.lesson_choices(syllabus)
    staged = None
    organisation_id = current_user.organisation_id
    if form.validate_on_submit() and organisation_id is not None:
        upload = form.file.data
        staged = banks.stage(
            organisation_id, upload.read(), upload.filename or "upload", form.chapter.data,
            form.format.data or None,
            Defaults((form.source.data or "").strip(), form.lesson.data or ""),
            bool(form.partial.data), current_user.email,
        )  # fmt: skip
    status = 400 if request.method == "POST" and staged is None else 200
    limit = size_label(current_app.config["TRAINER_UPLOAD_MAX_BYTES"])
    return render_template(
        "trainer/import.html", form=form, staged=staged, plan=staged.plan if staged else None,
        limit=limit, shown=PREVIEW_ITEMS, organisation=current_user.organisation,
    ), status  # fmt: skip


@bp.route("/content")
@roles(Role.TRAINER)
def content_status():
    return render_template("trainer/content.html", status=services.content_status())
