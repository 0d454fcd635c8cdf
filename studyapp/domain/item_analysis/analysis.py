"""The entry points: one pass over the responses, then each question's own column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from studyapp.domain.item_analysis.flags import flags_for
from studyapp.domain.item_analysis.items import ItemColumn, item_stats
from studyapp.domain.item_analysis.model import Analysis, AttemptResponses
from studyapp.domain.item_analysis.paper import paper_stats

# A response as the database holds it: (attempt id, question id, mark, max mark, chosen,
# seconds); chosen as stored, "0,2" (original option indexes), or a tuple, or None.
Row = tuple[int, str, float | None, float | None, str | tuple[int, ...] | None, float | None]
Facts = Mapping[str, tuple[int, tuple[int, ...]]]  # question id → (options, key)


def analyse(attempts: Iterable[AttemptResponses]) -> Analysis:
    """Question statistics, test statistics and flags of one blueprint's submitted attempts.

    A question's options and key are taken from its first response.
    """
    pass_ = _Pass()
    for attempt in attempts:
        for response in attempt.responses:
            if response.question_id not in pass_.facts:
                pass_.facts[response.question_id] = (response.options, tuple(response.key))
        pass_.file(
            [
                (attempt.attempt_id, r.question_id, r.mark, r.max_mark, r.chosen, r.seconds)
                for r in attempt.responses
            ]
        )
    return pass_.result()


def analyse_rows(rows: Iterable[Row], facts: Facts) -> Analysis:
    """The same analysis, set-wise, from the rows as read (grouped by attempt, e.g. ordered by
    attempt id) without building an object per response: one pass files every response under
    its question together with the rest of its attempt (total − mark), which the
    discrimination figures need; each question's figures then come from its own column, so
    the work grows with the number of responses only."""
    pass_ = _Pass(dict(facts))
    current: int | None = None
    pending: list[Row] = []
    for row in rows:
        if row[0] != current:
            if pending:
                pass_.file(pending)
            current, pending = row[0], []
        pending.append(row)
    if pending:
        pass_.file(pending)
    return pass_.result()


class _Pass:
    def __init__(self, facts: dict[str, tuple[int, tuple[int, ...]]] | None = None):
        self.facts = facts if facts is not None else {}
        self.columns: dict[str, ItemColumn] = {}
        self.totals: list[float] = []
        self.maxima: list[float] = []

    def file(self, responses: list[Row]) -> None:
        """One attempt's responses: its total, then each response into its question's column."""
        marks: list[float] = [r[2] or 0.0 for r in responses]
        most: list[float] = [r[3] or 0.0 for r in responses]
        total = sum(marks)
        self.totals.append(total)
        self.maxima.append(sum(most))
        columns = self.columns
        for response, mark, max_mark in zip(responses, marks, most, strict=True):
            question_id = response[1]
            column = columns.get(question_id)
            if column is None:
                options, key = self.facts[question_id]
                column = columns[question_id] = ItemColumn(options, key)
            column.marks.append(mark)
            column.rests.append(total - mark)
            column.max_marks.append(max_mark)
            column.chosen.append(response[4])
            if response[5] is not None:
                column.seconds.append(response[5])

    def result(self) -> Analysis:
        items = {
            question_id: item_stats(question_id, column)
            for question_id, column in self.columns.items()
        }
        return Analysis(
            paper=paper_stats(self.totals, self.maxima, items.values()),
            items=items,
            flags=[flag for item in items.values() for flag in flags_for(item)],
        )
