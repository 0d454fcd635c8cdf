"""Item analysis of a blueprint's submitted attempts for trainers, after Moodle's quiz statistics.

``analyse(attempts)`` (or ``analyse_rows(rows, facts)``, set-wise from the rows as read) gives per question the facility index, standard deviation, discrimination
index, discriminative efficiency, option counts and mean time (items.py); per blueprint the mean,
median, standard deviation and distribution of the percentage scores with the coefficient of
internal consistency, error ratio and standard error (paper.py); and flags with plain Chinese
reasons (flags.py).

Papers are drawn at random from a bank, so attempts hold different questions: every figure of
a question uses only the attempts that hold it, and alpha treats the mean number of questions per
attempt as its p (paper.py explains the choice).
"""

from studyapp.domain.item_analysis.analysis import analyse, analyse_rows
from studyapp.domain.item_analysis.model import (
    Analysis,
    AttemptResponses,
    Flag,
    ItemResponse,
    ItemStats,
    OptionCount,
    PaperStats,
)

__all__ = [
    "Analysis",
    "AttemptResponses",
    "Flag",
    "ItemResponse",
    "ItemStats",
    "OptionCount",
    "PaperStats",
    "analyse",
    "analyse_rows",
]
