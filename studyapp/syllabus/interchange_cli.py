"""``flask content import | export``: question banks into and out of a chapter.

An import is all or nothing by default: it appends to the chapter's questions.yaml only when
every item of the file converts and the course with them still passes the checker. With
``--partial`` the items that check clean land and the others are written to a rejects file (the
upload's format, the reason on each). Either way the file is replaced in one step (temporary
file + rename), so a reader never sees half of it. Items already in the chapter are skipped.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from studyapp.domain.content import ContentFiles
from studyapp.domain.content.interchange import READERS, WRITERS, Defaults, plan_append
from studyapp.domain.content.interchange.formats import decode, export_chapter, read_upload
from studyapp.domain.content.interchange.rejects import rejects_name, rejects_text
from studyapp.syllabus.cli import _load_clean as load_clean
from studyapp.syllabus.store import load_cached


def write_atomically(path: Path, text: str, expected: bytes | None) -> None:
    """Replace ``path`` with ``text`` unless someone changed it since it was read."""
    current = path.read_bytes() if path.exists() else None
    if current != expected:
        raise click.ClickException(f"{path} 在检查期间被修改了，没有写入；请重新运行导入。")
    # A hidden temporary name: the content loader skips it if it is ever left behind.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _echo_plan(plan) -> None:
    for problem in plan.skipped:
        click.echo(f"跳过：{problem}")
    for problem in plan.warnings:
        click.echo(f"注意：{problem}")
    for draft in plan.convertible:
        mark = "草稿" if draft.is_draft else ""
        if draft in plan.drafts or not plan.partial:
            name = draft.id or f"第 {draft.line} 行"
            click.echo(f"{name}  {draft.type:<8}  {draft.stem.splitlines()[0]}  {mark}".rstrip())


def _write_rejects(file: Path, format_name: str, result, plan, rejects: Path | None) -> None:
    text, _problem = decode(file.read_bytes(), file.name)
    written = rejects_text(text or "", format_name, result, plan)
    if written:
        path = rejects or file.with_name(rejects_name(file.name, format_name))
        path.write_text(written, encoding="utf-8", newline="")
        click.echo(f"未导入的 {len(plan.rejected)} 道题连同原因写入了 {path}。", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--chapter", required=True, help="章节 id，如 ethics")
@click.option("--format", "format_name", type=click.Choice(sorted(READERS)), help="默认按扩展名")
@click.option("--source", default="", help='文件中没有出处时使用，如 "000 P16"')
@click.option("--lesson", default="", help="文件中没有课文时使用；默认本章第一课")
@click.option("--partial", is_flag=True, help="导入能导入的题，其余写入 rejects 文件")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="未导入题目的文件；默认 <文件名>.rejects.<扩展名>")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="只检查并列出将追加的题目，不写入")
@with_appcontext
def import_questions(file: Path, chapter: str, format_name: str | None, source: str, lesson: str,
                     partial: bool, rejects: Path | None, dry_run: bool) -> None:  # fmt: skip
    """Append the questions of a GIFT, Aiken, CSV or YAML file to a chapter."""
    content_dir = Path(current_app.config["CONTENT_DIR"])
    files = ContentFiles.from_directory(content_dir)
    format_name, result = read_upload(file.read_bytes(), file.name, format_name)
    plan = plan_append(files, chapter, result, Defaults(source, lesson), load_cached, file.name,
                       partial=partial)  # fmt: skip
    _echo_plan(plan)
    shown = plan.blocking if partial else plan.problems
    for problem in plan.problems:
        click.echo(("未导入：" if partial and problem not in shown else "") + str(problem))
    if not plan.ok:
        click.echo(f"共 {len(plan.problems)} 个问题，没有写入任何内容。", err=True)
        if not dry_run and partial and format_name:
            _write_rejects(file, format_name, result, plan, rejects)
        sys.exit(1)
    span = f"{plan.drafts[0].id} – {plan.drafts[-1].id}"
    if dry_run:
        click.echo(f"试运行：将向 {plan.file} 追加 {len(plan.drafts)} 道题（{span}），未写入。")
        return
    write_atomically(content_dir / plan.file, plan.text, files.get(plan.file))
    if partial and format_name:
        _write_rejects(file, format_name, result, plan, rejects)
    click.echo(
        f"已向 {plan.file} 追加 {len(plan.drafts)} 道题（{span}）。运行 flask content reload 发布。"
    )


@click.command("export")
@click.argument("chapter")
@click.option("--format", "format_name", type=click.Choice(sorted(WRITERS)), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="默认输出到屏幕")
@with_appcontext
def export_questions(chapter: str, format_name: str, output: Path | None) -> None:
    """Write a chapter's questions in use as GIFT, CSV or Aiken (single choice only)."""
    syllabus = load_clean(None).syllabus
    if chapter not in syllabus.chapters:
        chapters = "、".join(syllabus.course.chapter_ids)
        raise click.ClickException(f"课程中没有章节“{chapter}”（可用：{chapters}）")
    text, skipped = export_chapter(syllabus, chapter, format_name)
    if skipped:
        click.echo(f"{format_name} 格式表示不了的题型：跳过了 {skipped} 道题。", err=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"已写入 {output}。", err=True)


def attach(group: click.Group) -> None:
    group.add_command(import_questions)
    group.add_command(export_questions)
