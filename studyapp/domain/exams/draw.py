"""Drawing a paper from a blueprint: the right number of each type from each source, by weight.

Each section's count is split over its sources in proportion to their weights (largest
remainder), capped by what each source holds; what a source cannot give is handed to the others.
No question appears twice in a paper. Choice options are shuffled per attempt and the
permutation kept, so keys map back.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.domain.content import model
from studyapp.domain.content.blueprints import questions_by_type
from studyapp.domain.questions import question_type


class PoolTooSmall(ValueError):
    """The bank cannot fill a section (the content checker prevents this for loaded content)."""


@dataclass(frozen=True)
class DrawnQuestion:
    question_id: str
    part_id: str
    section: int  # index of the section within its part
    points: float
    permutation: tuple[int, ...] | None  # shown position i displays original option permutation[i]


def allocate(count: int, weights: list[float], capacities: list[int]) -> list[int]:
    """Split ``count`` over sources by weight, never more than a source's capacity."""
    if count > sum(capacities):
        raise PoolTooSmall(f"{count} wanted, {sum(capacities)} available")
    result = [0] * len(weights)
    remaining = count
    open_sources = [i for i, capacity in enumerate(capacities) if capacity > 0]
    while remaining > 0:
        total_weight = sum(weights[i] for i in open_sources)
        shares = {i: remaining * weights[i] / total_weight for i in open_sources}
        whole = {i: int(shares[i]) for i in open_sources}
        leftover = remaining - sum(whole.values())
        # Largest remainder first; ties go to the earlier source so the split is deterministic.
        for i in sorted(open_sources, key=lambda i: (-(shares[i] - whole[i]), i))[:leftover]:
            whole[i] += 1
        for i in open_sources:
            take = min(whole[i], capacities[i] - result[i])
            result[i] += take
            remaining -= take
        open_sources = [i for i in open_sources if result[i] < capacities[i]]
    return result


def source_pools(
    section: model.Section, levels: frozenset[int], by_type: dict[str, list[model.Question]]
) -> list[list[model.Question]]:
    """The active questions of each source of a section, in bank order."""
    pools = []
    for source in section.sources:
        pools.append(
            [
                q
                for q in by_type.get(section.type, ())
                if not q.retired
                and q.levels & levels
                and (q.chapter == source.chapter if source.chapter else source.tag in q.tags)
            ]
        )
    return pools


Pools = list[list[list[list[model.Question]]]]  # per part, per section, per source: questions


def paper_pools(blueprint: model.Blueprint, questions: Iterable[model.Question]) -> Pools:
    """What every draw of ``blueprint`` from ``questions`` starts from: each section's source
    pools. Computing them reads the whole bank, so a caller drawing often keeps them."""
    by_type = questions_by_type(questions)
    return [
        [source_pools(section, blueprint.levels, by_type) for section in part.sections]
        for part in blueprint.parts
    ]


def draw_paper(
    blueprint: model.Blueprint,
    questions: Iterable[model.Question],
    rng: random.Random,
    shuffle_options: bool = True,
    pools: Pools | None = None,
) -> list[DrawnQuestion]:
    """``pools``: ``paper_pools(blueprint, questions)`` if the caller kept them."""
    all_pools = pools if pools is not None else paper_pools(blueprint, questions)
    used: set[str] = set()
    drawn: list[DrawnQuestion] = []
    for part, part_pools in zip(blueprint.parts, all_pools, strict=True):
        for index, section in enumerate(part.sections):
            sources = [[q for q in pool if q.id not in used] for pool in part_pools[index]]
            counts = allocate(
                section.count, [s.weight for s in section.sources], [len(pool) for pool in sources]
            )
            chosen: list[model.Question] = []
            for pool, wanted in zip(sources, counts, strict=True):
                available = [q for q in pool if q.id not in used]
                picked = rng.sample(available, min(wanted, len(available)))
                used.update(q.id for q in picked)
                chosen += picked
            if len(chosen) < section.count:  # sources overlapped: fill from what is left of all
                rest = [q for pool in sources for q in pool if q.id not in used]
                rest = list({q.id: q for q in rest}.values())
                if len(rest) < section.count - len(chosen):
                    raise PoolTooSmall(f"{blueprint.id}/{part.id} section {index + 1}")
                extra = rng.sample(rest, section.count - len(chosen))
                used.update(q.id for q in extra)
                chosen += extra
            for question in chosen:
                qtype = question_type(question.type)
                permutation = qtype.shuffle(question, rng) if shuffle_options else None
                drawn.append(
                    DrawnQuestion(question.id, part.id, index, section.points, permutation)
                )
    return drawn


def inclusion_probabilities(
    section: model.Section, levels: frozenset[int], by_type: dict[str, list[model.Question]]
) -> dict[str, float]:
    """For each question, the expected number of times it lands in this section (≤ 1).

    Used to predict a paper's score before it is drawn: expected points are the sum over
    questions of probability × points × chance of answering right.
    """
    pools = source_pools(section, levels, by_type)
    counts = allocate(section.count, [s.weight for s in section.sources], [len(p) for p in pools])
    result: dict[str, float] = {}
    for pool, wanted in zip(pools, counts, strict=True):
        for question in pool:
            result[question.id] = min(1.0, result.get(question.id, 0.0) + wanted / len(pool))
    return result
