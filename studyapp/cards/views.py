from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.cards import services
from studyapp.cards.forms import SettingsForm, as_share
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus

bp = Blueprint("cards", __name__, url_prefix="/cards")
MAX_EXTRA_NEW = 500  # 再学 N 张: new cards a candidate may add on top of today's limit
EXTRA_STEP = 10


@bp.route("/")
@login_required_any
def review():
    syllabus = current_syllabus()
    now = utcnow()
    extra = max(0, min(MAX_EXTRA_NEW, request.args.get("extra", 0, type=int)))
    _entries, counts, progress, context = services.due_queue(current_user, syllabus, now, extra)
    mode = "sprint" if request.args.get("mode") == "sprint" else "due"
    chapter = syllabus.chapters.get(request.args.get("chapter", ""))
    return render_template(
        "cards/review.html",
        mode=mode,
        chapter=chapter,
        counts=counts,
        done=services.done_today(current_user.id, now),
        context=context,
        extra=extra,
        extra_step=EXTRA_STEP,
        more_new=mode == "due" and len(syllabus.cards) > len(progress),
    )


@bp.route("/stats")
@login_required_any
def stats():
    syllabus = current_syllabus()
    result = services.statistics(current_user, syllabus, utcnow())
    chapters = [(c, result.mastery.get(c.id, 0.0)) for c in syllabus.chapter_list()]
    return render_template(
        "cards/stats.html",
        stats=result,
        chapters=chapters,
        leeches=[syllabus.cards[i] for i in result.leeches if i in syllabus.cards],
        context=services.context_for(current_user),
        memory=services.memory_model(current_user.id),
        busiest=max((n for _d, n in result.reviews_per_day), default=0),
        busiest_forecast=max((n for _d, n in result.due_forecast), default=0),
    )


@bp.route("/settings", methods=["GET", "POST"])
@login_required_any
def settings():
    context = services.context_for(current_user)
    row = services.settings_row(current_user.id)
    form = SettingsForm(
        desired_retention=round(context.settings.desired_retention * 100),
        minutes_per_day=context.settings.minutes_per_day,
        new_per_day=context.settings.new_per_day,
        max_reviews_per_day=context.settings.max_reviews_per_day,
        exam_date=row.exam_date if row else None,
    )
    if form.validate_on_submit():
        services.save_settings(
            current_user,
            as_share(form.desired_retention.data),
            form.new_per_day.data,
            form.max_reviews_per_day.data,
            form.exam_date.data,
            form.minutes_per_day.data,
        )
        flash(_("学习设置已保存。"), "success")
        return redirect(url_for("cards.settings"))
    status = 200 if request.method == "GET" else 400
    now = utcnow()
    raised = services.new_cards_raised(current_user, current_syllabus(), now, context)
    return render_template(
        "cards/settings.html", form=form, context=context, raised=raised
    ), status  # fmt: skip
