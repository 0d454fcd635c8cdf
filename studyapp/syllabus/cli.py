"""``flask content check|stats|reload``: the trainer's and operator's view of content/."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale, gettext

from studyapp.domain.content import ContentFiles, LoadResult
from studyapp.domain.content.balance import balance_rows
from studyapp.domain.content.items import CARD_TYPES
from studyapp.domain.content.problems import Problem
from studyapp.domain.content.stats import blueprint_rows, chapter_rows, level_counts, summary
from studyapp.domain.questions import QUESTION_TYPES
from studyapp.i18n import problem_line
from studyapp.syllabus.store import load_cached

content_cli = AppGroup("content", help="课程内容 / Course content in content/.")


def _load_clean(path: str | None) -> LoadResult:
    """The checked content, or its problems printed and exit status 1."""
    folder = path or current_app.config["CONTENT_DIR"]
    try:
        result = load_cached(ContentFiles.from_directory(folder))
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    if not result.ok:
        _echo_problems(result.problems, result.warnings, total=True)
        sys.exit(1)
    return result


def _shell_locale() -> str:
    """English when LC_ALL or LANG asks for it (LANG=en_US.UTF-8), else Chinese."""
    language = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if language.startswith("en") else "zh"


def _echo_problems(problems: Iterable[Problem], warnings: Iterable[Problem], total: bool) -> None:
    """One line each, in the shell's language."""
    with force_locale(_shell_locale()):
        problems = list(problems)
        for problem in problems:
            click.echo(problem_line(problem))
        for warning in warnings:
            click.echo(gettext("注意：%(problem)s", problem=problem_line(warning)))
        if total:
            click.echo(gettext("共 %(count)d 个问题。", count=len(problems)), err=True)


def summary_line(result: LoadResult) -> str:
    assert result.syllabus is not None  # (a clean result)
    with force_locale(_shell_locale()):
        return gettext(
            "内容检查通过：%(chapters)d 章，%(lessons)d 篇课文，%(cards)d 张卡片，%(questions)d 道题，"
            "%(blueprints)d 套试卷（版本 %(version)s，hash %(hash)s）",
            **summary(result.syllabus),
            version=result.syllabus.course.version,
            hash=result.content_hash[:12],
        )


@content_cli.command("check")
@click.argument("path", required=False, type=click.Path(file_okay=False))
def check(path: str | None) -> None:
    """Check every content file; list the problems with file and line, exit 1 if any; list the
    warnings (draft questions, raw HTML in lessons) too."""
    result = _load_clean(path)
    _echo_problems((), result.warnings, total=False)
    click.echo(summary_line(result))


@content_cli.command("stats")
@click.argument("path", required=False, type=click.Path(file_okay=False))
def stats(path: str | None) -> None:
    """Counts per chapter, type and level, and how many disjoint papers each blueprint allows."""
    syllabus = _load_clean(path).syllabus
    columns = ["lessons", *CARD_TYPES, *QUESTION_TYPES]
    click.echo(f"{'chapter':<20}" + "".join(f"{name:>{_width(name)}}" for name in columns))
    totals = [0] * len(columns)
    for row in chapter_rows(syllabus):
        values = [row["lessons"], *row["cards"].values(), *row["questions"].values()]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        click.echo(f"{row['chapter']:<20}" + "".join(_cells(columns, values)))
    click.echo(f"{'TOTAL':<20}" + "".join(_cells(columns, totals)))
    click.echo("")
    for level, counts in level_counts(syllabus).items():
        click.echo(
            f"level {level}: {counts['lessons']} lessons, {counts['cards']} cards, "
            f"{counts['questions']} questions"
        )
    click.echo("")
    _echo_balance(syllabus)
    click.echo("")
    for row in blueprint_rows(syllabus):
        click.echo(
            f"blueprint {row['blueprint']} ({row['kind']}): {row['questions']} questions, "
            f"{row['points']:g} points, bank fills {row['disjoint_papers']} disjoint papers"
        )


def _width(name: str) -> int:
    return max(6, len(name) + 1)


def _cells(columns: list[str], values: list[int]) -> list[str]:
    return [f"{value:>{_width(name)}}" for name, value in zip(columns, values, strict=True)]


@content_cli.command("reload")
def reload() -> None:
    """Check content/ and publish it to every worker; on problems keep serving the old one."""
    store = current_app.extensions["syllabus_store"]
    outcome = store.publish_from_disk("cli")
    if outcome.status == "failed":
        for problem in outcome.problems:
            click.echo(str(problem))
        click.echo(f"重新加载失败：{len(outcome.problems)} 个问题；继续使用上一个版本。", err=True)
        sys.exit(1)
    if outcome.status == "unchanged":
        click.echo(f"内容没有变化（hash {outcome.content_hash[:12]}）。")
    else:
        click.echo(f"已发布新版本（hash {outcome.content_hash[:12]}），各进程将在几秒内切换。")


def _echo_balance(syllabus) -> None:
    """Key balance per chapter: single-choice letters, judge true share, absolute-word cue."""
    click.echo(
        f"{'balance':<20}{'A':>5}{'B':>5}{'C':>5}{'D':>5}{'judge true':>12}{'absolute true':>15}"
    )
    for row in balance_rows(syllabus):
        letters = [row.single_letters.get(letter, 0) for letter in "ABCD"]
        cells = "".join(f"{count:>5}" for count in letters)
        judges = f"{row.judges_true}/{row.judges}"
        absolute = f"{row.absolute_true}/{row.absolute}"
        flag = "  ⚠ " + "；".join(row.problems()) if row.problems() else ""
        click.echo(f"{row.chapter:<20}{cells}{judges:>12}{absolute:>15}{flag}")
