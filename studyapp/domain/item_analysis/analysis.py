"""The entry point: one pass over the attempts, then each question's own column."""

from __future__ import annotations

from collections.abc import Iterable

from studyapp.domain.item_analysis.flags import flags_for
from studyapp.domain.item_analysis.items import ItemColumn, item_stats
from studyapp.domain.item_analysis.model import Analysis, AttemptResponses
from studyapp.domain.item_analysis.paper import paper_stats


def analyse(attempts: Iterable[AttemptResponses]) -> Analysis:
    """Question statistics, test statistics and flags of one blueprint's submitted attempts.

    The single pass files every response under its question together with the rest of its
    attempt (total − mark), which the discrimination figures need; each question's figures
    then come from its own column, so the work grows with the number of responses only.
    A question's options and key are taken from its first response.
    """
    columns: dict[str, ItemColumn] = {}
    totals: list[float] = []
    maxima: list[float] = []
    for attempt in attempts:
        responses = attempt.responses
        total = sum([response.mark for response in responses])
        totals.append(total)
        maxima.append(sum([response.max_mark for response in responses]))
        for response in responses:
            column = columns.get(response.question_id)
            if column is None:
                column = ItemColumn(response.options, tuple(response.key))
                columns[response.question_id] = column
            mark = response.mark
            column.marks.append(mark)
            column.rests.append(total - mark)
            column.max_marks.append(response.max_mark)
            column.chosen.append(response.chosen)
            if response.seconds is not None:
                column.seconds.append(response.seconds)
    items = {
        question_id: item_stats(question_id, column) for question_id, column in columns.items()
    }
    return Analysis(
        paper=paper_stats(totals, maxima, items.values()),
        items=items,
        flags=[flag for item in items.values() for flag in flags_for(item)],
    )
