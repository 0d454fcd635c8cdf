"""The loader's checks of links: lessons linking lessons, cards and questions linking lessons,
and raw HTML in lessons (a mixin of ``loader._Loader``, which holds the state named here)."""

from __future__ import annotations

from collections.abc import Iterable

from studyapp.domain.content import lessons, model
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.render import lesson_links
from studyapp.domain.content.text import N_, Text


class LinkChecks:
    problems: Problems
    warnings: Problems
    lesson_lines: dict[str, int]
    broken_lessons: set[str]
    links: list[tuple[model.Lesson, int, str]]

    def check_lesson_body(self, lesson: model.Lesson) -> None:
        """Raw HTML and script are reported as warnings (the page never shows script: it is
        stripped when rendered); links between lessons are kept to check once all are read."""
        for offset, script, written in lessons.html_findings(lesson.body):
            line = lesson.body_line + offset
            if script:
                self.warnings.add(lesson.file, line, lesson.id,
                                  Text("课文中有脚本，不会显示：“{written}”", written=written),
                                  N_("删去；显示时脚本、onerror 等事件和 javascript: 链接都会被去掉"))  # fmt: skip
            else:
                self.warnings.add(lesson.file, line, lesson.id,
                                  Text("课文中有 HTML 标记：“{written}”", written=written),
                                  N_("用 Markdown 写；不在允许之列的标记显示时会被去掉"))  # fmt: skip
        for offset, target in lesson_links(lesson.body):
            self.links.append((lesson, lesson.body_line + offset, target))

    def check_links_between_lessons(self, lesson_map: dict[str, model.Lesson]) -> None:
        for lesson, line, target in self.links:
            if target not in lesson_map:
                self.problems.add(lesson.file, line, lesson.id,
                                  Text("链接的课文“{lesson}”不存在", lesson=target),
                                  N_("[文字](lesson:课文id)，如 [服务的特性](lesson:basics.more)"))  # fmt: skip

    def check_lesson_links(
        self, items: Iterable[model.Card | model.Question], lesson_map: dict[str, model.Lesson]
    ) -> None:
        for item in items:
            lesson = lesson_map.get(item.lesson)
            line = self.lesson_lines.get(item.id, item.line)
            if lesson is None and item.lesson in self.broken_lessons:
                continue
            if lesson is None:
                self.problems.add(
                    item.file, line, item.id, Text("链接的课文“{lesson}”不存在", lesson=item.lesson),
                    N_("本课程中某篇课文的 id"),
                )  # fmt: skip
            elif lesson.retired and not item.retired:
                self.problems.add(
                    item.file, line, item.id, Text("链接的课文“{lesson}”已停用", lesson=item.lesson),
                    N_("链接到在用的课文，或同时停用本项"),
                )  # fmt: skip
