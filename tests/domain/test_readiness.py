"""Readiness: a low prediction at no data, near max at full mastery, monotone in the evidence,
ranges that hold the mean and narrow with evidence, every part must pass."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.domain.content import ContentFiles, load_syllabus
from studyapp.domain.readiness import (
    DEFAULT_PARAMETERS,
    AnswerEvidence,
    CardEvidence,
    Parameters,
    predict,
)
from studyapp.domain.readiness.mastery import KNOWLEDGE, chance_right

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

CONTENT = Path(__file__).resolve().parents[2] / "content"
ON = datetime(2025, 6, 1, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def syllabus():
    result = load_syllabus(ContentFiles.from_directory(CONTENT))
    assert result.problems == ()
    return result.syllabus


@pytest.fixture(scope="module")
def mock(syllabus):
    return syllabus.blueprints["mock-theory"]


@pytest.fixture(scope="module")
def two_parts(mock):
    """The mock split into an ethics and a theory part with a pass mark each, as some papers
    score them: the rule that every part must pass is the domain's, whatever the real paper."""
    (part,) = mock.parts
    ethics = replace(part, id="ethics", title="职业道德", pass_mark=6, sections=part.sections[:3])
    theory = replace(part, id="theory", title="理论知识", pass_mark=54, sections=part.sections[3:])
    return replace(mock, parts=(ethics, theory))


ETHICS_CHAPTERS = {"ethics", "work-ethics"}


def _cards(syllabus, recall: float, chapters=None) -> list[CardEvidence]:
    return [
        CardEvidence(card.id, card.lesson, recall)
        for card in syllabus.cards.values()
        if chapters is None or card.chapter in chapters
    ]


def _answers(syllabus, fraction, chapters=None, repeat=1, days_ago=1) -> list[AnswerEvidence]:
    """Every question of the chapters answered ``repeat`` times; ``fraction(i)`` scores the i-th."""
    questions = [
        q
        for q in syllabus.questions.values()
        if q.type != "short" and (chapters is None or q.chapter in chapters)
    ]
    return [
        AnswerEvidence(q.id, q.lesson, q.type, fraction(i), ON - timedelta(days=days_ago))
        for i, q in enumerate(questions * repeat)
    ]


def _right(_: int) -> float:
    return 1.0


def _wrong(_: int) -> float:
    return 0.0


def test_no_data_predicts_a_low_score_and_almost_no_chance_to_pass(syllabus, mock):
    prediction = predict(syllabus, mock, [], [], ON)
    assert prediction.total.max == pytest.approx(mock.total)
    assert prediction.total.mean < 0.45 * prediction.total.max
    for part in mock.parts:
        assert prediction.parts[part.id].mean < part.pass_mark
    assert prediction.pass_probability < 0.05
    # Cards listed as never studied are the same as cards left out.
    assert predict(syllabus, mock, _cards(syllabus, None), [], ON) == prediction


def test_perfect_mastery_predicts_near_max_and_a_pass(syllabus, mock):
    prediction = predict(
        syllabus, mock, _cards(syllabus, 1.0), _answers(syllabus, _right, repeat=2), ON
    )
    assert prediction.total.mean > 0.9 * prediction.total.max
    assert prediction.pass_probability > 0.95
    assert all(topic.mastery > 0.8 for topic in prediction.topics)


def test_guessing_right_half_the_judge_items_is_no_knowledge(syllabus, mock):
    half = _answers(syllabus, lambda i: float(i % 2), repeat=1)
    judges = [answer for answer in half if answer.question_type == "judge"]
    prediction = predict(syllabus, mock, [], judges, ON)
    assert max(topic.mastery for topic in prediction.topics) < 0.35
    assert prediction.pass_probability < 0.05


def test_a_topic_never_studied_stays_weak_however_strong_the_candidate_elsewhere(syllabus, mock):
    others = {c for c in syllabus.course.chapter_ids if c != "quality"}
    prediction = predict(
        syllabus, mock, _cards(syllabus, 1.0, others), _answers(syllabus, _right, others), ON
    )
    quality = [t for t in prediction.topics if t.lesson.startswith("quality.")]
    assert quality and all(t.mastery < 0.3 and t.cards_studied == 0 for t in quality)
    assert all(t.mastery > 0.8 for t in prediction.topics if t not in quality)


def test_answers_elsewhere_inform_a_studied_topic_without_answers(syllabus, mock):
    cards = _cards(syllabus, 0.9)
    others = {c for c in syllabus.course.chapter_ids if c != "quality"}

    def quality_mastery(fraction) -> float:
        answers = _answers(syllabus, fraction, others)
        topics = predict(syllabus, mock, cards, answers, ON).topics
        return min(t.mastery for t in topics if t.lesson.startswith("quality."))

    assert quality_mastery(_right) > quality_mastery(_wrong) + 0.2


def test_a_multiple_choice_item_is_harder_than_a_judge_item_at_the_same_knowledge():
    for knowledge in KNOWLEDGE:
        multiple = chance_right("multiple", knowledge, DEFAULT_PARAMETERS)
        single = chance_right("single", knowledge, DEFAULT_PARAMETERS)
        judge = chance_right("judge", knowledge, DEFAULT_PARAMETERS)
        assert multiple < single < judge
    assert chance_right("multiple", 0.0, DEFAULT_PARAMETERS) == DEFAULT_PARAMETERS.guess_multiple
    assert chance_right("judge", 0.0, DEFAULT_PARAMETERS) == 0.5


def test_recent_answers_weigh_more_than_old_ones(syllabus, mock):
    cards = _cards(syllabus, 0.9)
    recent = predict(syllabus, mock, cards, _answers(syllabus, _wrong, days_ago=1), ON)
    old = predict(syllabus, mock, cards, _answers(syllabus, _wrong, days_ago=120), ON)
    assert recent.total.mean < old.total.mean


def test_the_range_holds_the_mean_and_widens_with_less_evidence(syllabus, mock):
    cards = _cards(syllabus, 0.8)
    mostly_right = lambda i: 0.0 if i % 4 == 0 else 1.0  # noqa: E731
    little = predict(syllabus, mock, cards, _answers(syllabus, mostly_right)[::8], ON)
    much = predict(syllabus, mock, cards, _answers(syllabus, mostly_right, repeat=4), ON)
    for prediction in (little, much):
        for estimate in (prediction.total, *prediction.parts.values()):
            assert 0 <= estimate.low <= estimate.mean <= estimate.high <= estimate.max
    assert little.total.high - little.total.low > much.total.high - much.total.low
    for part in mock.parts:
        width = little.parts[part.id].high - little.parts[part.id].low
        assert width > much.parts[part.id].high - much.parts[part.id].low


def test_weakest_topics_come_first(syllabus, mock):
    answers = _answers(syllabus, _right, chapters={"quality", "ethics"})
    answers += _answers(syllabus, _wrong, chapters={"career"})
    prediction = predict(syllabus, mock, _cards(syllabus, 0.9), answers, ON)
    masteries = [topic.mastery for topic in prediction.topics]
    assert masteries == sorted(masteries)
    career = {lesson.id for lesson in syllabus.lessons.values() if lesson.chapter == "career"}
    assert {topic.lesson for topic in prediction.topics[: len(career)]} == career
    assert prediction.topics[-1].lesson.split(".")[0] in {"quality", "ethics"}
    assert all(t.low <= t.mastery <= t.high for t in prediction.topics)
    assert sum(t.points_at_stake for t in prediction.topics) == pytest.approx(mock.total)


def _strong_in_theory_weak_in_ethics(syllabus):
    theory = set(syllabus.course.chapter_ids) - ETHICS_CHAPTERS
    cards = _cards(syllabus, 0.95, theory)
    answers = _answers(syllabus, _right, theory, repeat=2)
    answers += _answers(syllabus, _wrong, ETHICS_CHAPTERS)
    return cards, answers


def test_a_failed_part_fails_the_paper_when_parts_pass_separately(syllabus, two_parts):
    prediction = predict(syllabus, two_parts, *_strong_in_theory_weak_in_ethics(syllabus), ON)
    assert prediction.part_pass_probabilities["theory"] > 0.95
    assert prediction.part_pass_probabilities["ethics"] < 0.01
    assert prediction.pass_probability < 0.01
    # A high total does not rescue a failed part.
    assert prediction.total.mean > 0.5 * prediction.total.max


def test_on_the_real_paper_ethics_is_ten_points_of_one_total(syllabus, mock):
    prediction = predict(syllabus, mock, *_strong_in_theory_weak_in_ethics(syllabus), ON)
    assert prediction.pass_probability > 0.9


def test_passing_every_part_is_no_likelier_than_passing_the_hardest(syllabus, two_parts):
    prediction = predict(syllabus, two_parts, _cards(syllabus, 0.85), [], ON)
    assert 0 < prediction.pass_probability <= min(prediction.part_pass_probabilities.values())


def _question_ids(syllabus):
    return sorted(q.id for q in syllabus.questions.values() if q.type != "short")


@st.composite
def _evidence_and_more(draw, syllabus):
    """Evidence, and the same evidence with higher recall and more (or righter) answers."""
    card_ids = sorted(syllabus.cards)
    question_ids = _question_ids(syllabus)
    studied = draw(st.lists(st.sampled_from(card_ids), unique=True, max_size=60))
    recalls = draw(st.lists(st.floats(0, 1), min_size=len(studied), max_size=len(studied)))
    answered = draw(st.lists(st.sampled_from(question_ids), max_size=80))
    results = draw(st.lists(st.booleans(), min_size=len(answered), max_size=len(answered)))
    ages = draw(st.lists(st.integers(0, 60), min_size=len(answered), max_size=len(answered)))
    raised = [min(1.0, r + draw(st.sampled_from((0.0, 0.0, 0.3, 1.0)))) for r in recalls]
    newly = draw(st.lists(st.sampled_from(card_ids), unique=True, max_size=20))
    flipped = [ok or draw(st.booleans()) for ok in results]
    extra = draw(st.lists(st.sampled_from(question_ids), max_size=20))

    def cards(values, more=()):
        chosen = dict(zip(studied, values, strict=True))
        chosen.update({card_id: 1.0 for card_id in more if card_id not in chosen})
        return [CardEvidence(i, syllabus.cards[i].lesson, r) for i, r in chosen.items()]

    def answers(outcomes, more=()):
        rows = list(zip(answered, outcomes, ages, strict=True)) + [(q, True, 0) for q in more]
        return [
            AnswerEvidence(
                q,
                syllabus.questions[q].lesson,
                syllabus.questions[q].type,
                1.0 if ok else 0.0,
                ON - timedelta(days=age),
            )  # fmt: skip
            for q, ok, age in rows
        ]

    return (cards(recalls), answers(results)), (cards(raised, newly), answers(flipped, extra))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_more_mastery_evidence_never_lowers_the_prediction(syllabus, mock, data):
    (cards, answers), (more_cards, more_answers) = data.draw(_evidence_and_more(syllabus))
    before = predict(syllabus, mock, cards, answers, ON)
    after = predict(syllabus, mock, more_cards, more_answers, ON)
    assert after.total.mean >= before.total.mean - 1e-9
    assert after.pass_probability >= before.pass_probability - 1e-9
    for part in mock.parts:
        assert after.parts[part.id].mean >= before.parts[part.id].mean - 1e-9
    mastery = {topic.lesson: topic.mastery for topic in before.topics}
    for topic in after.topics:
        assert topic.mastery >= mastery[topic.lesson] - 1e-9


def test_the_population_prior_can_be_changed(syllabus, mock):
    optimistic = Parameters(base_knowledge=0.5)
    assert (
        predict(syllabus, mock, [], [], ON, optimistic).total.mean
        > predict(syllabus, mock, [], [], ON).total.mean
    )
