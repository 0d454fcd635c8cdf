"""Item analysis after Moodle's quiz statistics: figures worked by hand, flags, odd inputs."""

from math import sqrt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.domain.item_analysis import AttemptResponses, ItemResponse, analyse, analyse_rows


def choice(question_id, chosen, key=(0,), options=4, seconds=None):
    """A choice (or, with options=2, judge) question worth 1, right when chosen == key."""
    right = chosen is not None and sorted(chosen) == sorted(key)
    return ItemResponse(question_id, 1.0 if right else 0.0, 1.0, chosen, options, key, seconds)


def judge(question_id, answer):
    """answer: 0 = 对 (the key here), 1 = 错, None = unanswered."""
    return choice(question_id, None if answer is None else (answer,), options=2)


def short(question_id, mark, max_mark=5.0):
    return ItemResponse(question_id, float(mark), max_mark, None, 0, (), None)


def papers(*rows):
    return [AttemptResponses(number, tuple(row)) for number, row in enumerate(rows, 1)]


def flags_of(analysis, question_id):
    return {flag.code: flag.reason for flag in analysis.flags if flag.question_id == question_id}


# Six attempts of a four-question paper, one point each. q1, q2 single (keys A, B), q3 multiple
# (key A+C), q4 judge (key 对):
#
#        q1       q2      q3        q4     total  %
#   A1   A  1     B  1    AC 1      对 1   4      100
#   A2   A  1     B  1    AC 1      错 0   3       75
#   A3   A  1     B  1    A  0      对 1   3       75
#   A4   A  1     A  0    AC 1      错 0   2       50
#   A5   A  1     C  0    AB 0      错 0   1       25
#   A6   C  0     —  0    CD 0      对 1   1       25
HAND_MADE = papers(
    *[
        [
            choice("q1", q1, seconds=seconds),
            choice("q2", q2, key=(1,), seconds=12.0),
            choice("q3", q3, key=(0, 2)),
            judge("q4", q4),
        ]
        for q1, q2, q3, q4, seconds in [
            ((0,), (1,), (0, 2), 0, 10.0),
            ((0,), (1,), (0, 2), 1, 20.0),
            ((0,), (1,), (0,), 0, 30.0),
            ((0,), (0,), (0, 2), 1, 40.0),
            ((0,), (2,), (0, 1), 1, 50.0),
            ((2,), None, (2, 3), 0, None),
        ]
    ]
)


def test_question_figures_by_hand():
    items = analyse(HAND_MADE).items
    # q1 marks m = 1 1 1 1 1 0, rests r = total − m = 3 2 2 1 0 1; m̄ = 5/6, r̄ = 9/6 = 3/2.
    # Σ(m−m̄)² = 5·(1/6)² + (5/6)² = 5/36 + 25/36 = 5/6; var = (5/6)/5 = 1/6, sd = √(1/6).
    # Σ(r−r̄)² = 9/4 + 1/4 + 1/4 + 1/4 + 9/4 + 1/4 = 11/2.
    # Σ(m−m̄)(r−r̄) = 1/6·(3/2 + 1/2 + 1/2 − 1/2 − 3/2) + (−5/6)(−1/2) = 1/12 + 5/12 = 1/2.
    # D = (1/2) / √(5/6 · 11/2) = 0.5 / √(55/12) = 0.5 / 2.140872 = 0.233550.
    # Sorted: m 0 1 1 1 1 1 with r 0 1 1 2 2 3:
    # max Σ = (−5/6)(−3/2) + 1/6·(−1/2 − 1/2 + 1/2 + 1/2 + 3/2) = 5/4 + 1/4 = 3/2;
    # efficiency = 100 · (1/2) / (3/2) = 33.33.
    q1 = items["q1"]
    assert q1.responses == 6
    assert q1.facility == pytest.approx(5 / 6)
    assert q1.sd == pytest.approx(sqrt(1 / 6))  # 0.408248
    assert q1.mark_variance == pytest.approx(1 / 6)
    assert q1.discrimination == pytest.approx(0.233550, abs=1e-6)
    assert q1.efficiency == pytest.approx(100 / 3)
    assert [(o.count, o.is_key) for o in q1.options] == [
        (5, True),
        (0, False),
        (1, False),
        (0, False),
    ]
    assert [o.share for o in q1.options] == pytest.approx([5 / 6, 0, 1 / 6, 0])
    assert q1.answered == 6
    assert q1.mean_seconds == pytest.approx(30.0)  # (10+20+30+40+50)/5, A6's None left out

    # q2 m = 1 1 1 0 0 0, r = 3 2 2 2 1 1; m̄ = 1/2, r̄ = 11/6.
    # Σ(m−m̄)² = 6·1/4 = 3/2, var 3/10, sd √0.3 = 0.547723.
    # r−r̄ = 7/6 1/6 1/6 1/6 −5/6 −5/6: Σ² = (49 + 1 + 1 + 1 + 25 + 25)/36 = 17/6.
    # Σ(m−m̄)(r−r̄) = 1/2·(7+1+1)/6 − 1/2·(1−5−5)/6 = 3/4 + 3/4 = 3/2.
    # D = (3/2) / √(3/2 · 17/6) = 1.5 / √4.25 = 0.727607.
    # Already sorted alike (m 0 0 0 1 1 1 against r 1 1 2 2 2 3 pairs the same sums): max Σ = 3/2,
    # efficiency 100.
    q2 = items["q2"]
    assert q2.facility == pytest.approx(0.5)
    assert q2.sd == pytest.approx(sqrt(0.3))
    assert q2.discrimination == pytest.approx(0.727607, abs=1e-6)
    assert q2.efficiency == pytest.approx(100.0)
    assert [o.count for o in q2.options] == [1, 3, 1, 0]  # A4 chose A, A5 C, A6 nothing
    assert q2.answered == 5
    assert sum(o.share for o in q2.options) == pytest.approx(5 / 6)  # the answered share
    assert q2.mean_seconds == pytest.approx(12.0)

    # q3 m = 1 1 0 1 0 0, r = 3 2 3 1 1 1; m̄ = 1/2, r̄ = 11/6; Σ(m−m̄)² = 3/2.
    # r−r̄ = 7/6 1/6 7/6 −5/6 −5/6 −5/6: Σ² = (49 + 1 + 49 + 75)/36 = 29/6.
    # Σ(m−m̄)(r−r̄) = 1/2·(7 + 1 − 5)/6 − 1/2·(7 − 5 − 5)/6 = 1/4 + 1/4 = 1/2.
    # D = (1/2) / √(3/2 · 29/6) = 0.5 / √7.25 = 0.185695.
    # Sorted: m 0 0 0 1 1 1 with r 1 1 1 2 3 3: max Σ = 1/2·(5+5+5)/6 + 1/2·(1+7+7)/6 = 5/2;
    # efficiency = 100 · (1/2) / (5/2) = 20.
    q3 = items["q3"]
    assert q3.discrimination == pytest.approx(0.185695, abs=1e-6)
    assert q3.efficiency == pytest.approx(20.0)
    # Each option of a multiple question counts on its own: A by A1 A2 A3 A4 A5, B by A5,
    # C by A1 A2 A4 A6, D by A6.
    assert [(o.count, o.is_key) for o in q3.options] == [
        (5, True),
        (1, False),
        (4, True),
        (1, False),
    ]
    assert q3.mean_seconds is None

    # q4 m = 1 0 1 0 0 1, r = 3 3 2 2 1 0; r̄ = 11/6, r−r̄ = 7/6 7/6 1/6 1/6 −5/6 −11/6:
    # Σ² = (49 + 49 + 1 + 1 + 25 + 121)/36 = 41/6.
    # Σ(m−m̄)(r−r̄) = 1/2·(7 + 1 − 11)/6 − 1/2·(7 + 1 − 5)/6 = −1/4 − 1/4 = −1/2.
    # D = −0.5 / √(3/2 · 41/6) = −0.5 / √10.25 = −0.156174; max Σ = 5/2 (as q3): efficiency −20.
    q4 = items["q4"]
    assert q4.discrimination == pytest.approx(-0.156174, abs=1e-6)
    assert q4.efficiency == pytest.approx(-20.0)
    assert [(o.count, o.share) for o in q4.options] == [(3, 0.5), (3, 0.5)]  # 对 3, 错 3


def test_paper_figures_by_hand():
    paper = analyse(HAND_MADE).paper
    # Scores 100 75 75 50 25 25 (%): mean 350/6, median (50 + 75)/2.
    assert paper.attempts == 6
    assert paper.items_per_attempt == 4
    assert paper.mean == pytest.approx(350 / 6)
    assert paper.median == pytest.approx(62.5)
    # Totals 4 3 3 2 1 1, mean 7/3: Σ(t − t̄)² = (25 + 4 + 4 + 1 + 16 + 16)/9 = 22/3, var 22/15.
    # In %: × 25² → 916.67, sd 30.2765.
    assert paper.sd == pytest.approx(sqrt(625 * 22 / 15))
    # Item variances 1/6 + 3/10 + 3/10 + 3/10 = 16/15.
    # alpha = 4/3 · (1 − (16/15) / (22/15)) = 4/3 · 6/22 = 4/11 = 0.3636.
    # KR-20 agrees: Σpq = 5/36 + 3·1/4 = 8/9, population variance 22/18 = 11/9,
    # 4/3 · (1 − 8/11) = 4/11.
    assert paper.alpha == pytest.approx(4 / 11)
    assert paper.error_ratio == pytest.approx(100 * sqrt(7 / 11))  # 79.77
    assert paper.standard_error == pytest.approx(sqrt(625 * 22 / 15) * sqrt(7 / 11))  # 24.15
    assert paper.reliability == "unsatisfactory"
    assert paper.reliability_note == "内部一致性不足：α = 0.36（＜0.64），试卷整体需要改进"
    # Bins of 10 %: 25 25 → [20,30), 50 → [50,60), 75 75 → [70,80), 100 → [90,100].
    assert paper.distribution == (0, 0, 2, 0, 0, 1, 0, 2, 0, 1)
    assert analyse(HAND_MADE).flags == []  # six responses: too few for any flag


def _facility_paper(right, total):
    return papers(*[[judge("x", 0 if i < right else 1)] for i in range(total)])


def test_too_easy_at_95_percent_not_at_90():
    assert flags_of(analyse(_facility_paper(19, 20)), "x")["too_easy"] == (
        "过于容易：正确率 95%（≥95%）"
    )
    assert "too_easy" not in flags_of(analyse(_facility_paper(18, 20)), "x")


def test_too_hard_at_20_percent_not_at_25():
    assert flags_of(analyse(_facility_paper(4, 20)), "x")["too_hard"] == "过难：正确率 20%（≤20%）"
    assert "too_hard" not in flags_of(analyse(_facility_paper(5, 20)), "x")


def test_short_questions_read_as_score_rate():
    result = analyse(papers(*[[short("s", 5)] for _ in range(10)]))
    assert flags_of(result, "s") == {"too_easy": "过于容易：得分率 100%（≥95%）"}


def test_no_flag_below_ten_responses():
    assert flags_of(analyse(_facility_paper(9, 9)), "x") == {}
    assert set(flags_of(analyse(_facility_paper(10, 10)), "x")) == {"too_easy"}


def _discrimination_paper(rests):
    """Judge x right in the first five attempts; a short question s scores the rest."""
    return papers(*[[judge("x", 0 if i < 5 else 1), short("s", r)] for i, r in enumerate(rests)])


def test_weak_discrimination_below_030_not_at_030():
    # s 0 3 3 3 4 | 2 2 2 2 2: group means 2.6 and 2.0, overall 2.3, Σ(s − 2.3)² = 10.1,
    # population sd √1.01; r = ½ · 0.6 / 1.00499 = 0.2985.
    result = analyse(_discrimination_paper([0, 3, 3, 3, 4, 2, 2, 2, 2, 2]))
    assert result.items["x"].discrimination == pytest.approx(0.298511, abs=1e-6)
    assert flags_of(result, "x") == {
        "weak_discrimination": "区分度偏低：0.299（<0.30），高分和低分考生答得差不多"
    }
    # s 0 0 3 5 5 | 0 0 1 2 4: group means 2.6 and 1.4, overall 2, Σ(s − 2)² = 40,
    # population sd 2; r = ½ · 1.2 / 2 = 0.30 exactly: not below.
    result = analyse(_discrimination_paper([0, 0, 3, 5, 5, 0, 0, 1, 2, 4]))
    assert result.items["x"].discrimination == pytest.approx(0.3)
    assert flags_of(result, "x") == {}


def test_negative_discrimination_is_called_out_instead_of_weak():
    # The same rests with the groups swapped: r = −0.30.
    result = analyse(_discrimination_paper([0, 0, 1, 2, 4, 0, 0, 3, 5, 5]))
    assert result.items["x"].discrimination == pytest.approx(-0.3)
    assert flags_of(result, "x") == {
        "negative_discrimination": "区分度为负：-0.300，总分高的考生反而更常答错，请检查题目和答案"
    }
    # Group means equal (2 and 2): r = 0, weak but not negative.
    result = analyse(_discrimination_paper([0, 0, 2, 4, 4, 0, 1, 2, 3, 4]))
    assert result.items["x"].discrimination == pytest.approx(0.0, abs=1e-12)
    assert set(flags_of(result, "x")) == {"weak_discrimination"}


def _choice_paper(counts):
    """A single question (key A) chosen counts[i] times as option i."""
    return papers(
        *[[choice("c", (option,))] for option, times in enumerate(counts) for _ in range(times)]
    )


def test_unused_distractor_needs_twenty_responses():
    assert flags_of(analyse(_choice_paper([12, 5, 3, 0])), "c") == {
        "unused_distractor": "干扰项无人选择：选项 D 在 20 次作答中无人选，起不到干扰作用"
    }
    assert flags_of(analyse(_choice_paper([11, 5, 3, 0])), "c") == {}  # 19 responses
    assert flags_of(analyse(_choice_paper([11, 5, 3, 1])), "c") == {}  # D chosen once


def test_key_chosen_less_than_a_distractor():
    assert flags_of(analyse(_choice_paper([3, 4, 2, 1])), "c")["key_less_chosen"] == (
        "答案可能有误：正确选项 A 有 3 人选（30%），少于选项 B 的 4 人（40%）"
    )
    assert "key_less_chosen" not in flags_of(analyse(_choice_paper([4, 4, 1, 1])), "c")


def test_questions_missing_from_some_attempts():
    # A1: q1 1, q2 1        total 2
    # A2:       q2 0, q3 1  total 1
    # A3: q1 0,       q3 0  total 0
    # A4: q1 1, q2 0, q3 1  total 2
    result = analyse(
        papers(
            [judge("q1", 0), judge("q2", 0)],
            [judge("q2", 1), judge("q3", 0)],
            [judge("q1", 1), judge("q3", 1)],
            [judge("q1", 0), judge("q2", 1), judge("q3", 0)],
        )
    )
    q1, q2, q3 = (result.items[q] for q in ("q1", "q2", "q3"))
    assert (q1.responses, q2.responses, q3.responses) == (3, 3, 3)
    assert q1.facility == pytest.approx(2 / 3)  # over A1 A3 A4, not 2/4
    # q1 m 1 0 1 with r 1 0 1: r = 1.
    assert q1.discrimination == pytest.approx(1.0)
    # q2 m 1 0 0 with r 1 1 2: deviations 2/3 −1/3 −1/3 and −1/3 −1/3 2/3,
    # Σ products = (−2 + 1 − 2)/9 = −1/3, Σ squares 2/3 each: r = −1/2.
    assert q2.discrimination == pytest.approx(-0.5)
    # q3 m 1 0 1 with r 0 0 1: Σ products = (−1 + 2 + 2)/9 = 1/3: r = 1/2.
    assert q3.discrimination == pytest.approx(0.5)
    # p = 9 responses / 4 attempts = 9/4; each question in 3 of 4 attempts with variance 1/3:
    # Σ 3/4 · 1/3 = 3/4. Totals 2 1 0 2, mean 5/4: Σ(t − t̄)² = (9 + 1 + 25 + 9)/16 = 11/4,
    # var 11/12. alpha = (9/4)/(5/4) · (1 − (3/4)/(11/12)) = 9/5 · 2/11 = 18/55.
    assert result.paper.items_per_attempt == pytest.approx(9 / 4)
    assert result.paper.alpha == pytest.approx(18 / 55)
    # Scores 2/2, 1/2, 0/2, 2/3 of each attempt's own maximum.
    assert result.paper.mean == pytest.approx((100 + 50 + 0 + 200 / 3) / 4)


def test_no_attempts():
    result = analyse([])
    assert result.items == {} and result.flags == []
    paper = result.paper
    assert (paper.attempts, paper.mean, paper.median, paper.sd) == (0, None, None, None)
    assert paper.distribution == (0,) * 10
    assert (paper.alpha, paper.error_ratio, paper.standard_error, paper.reliability) == (
        None,
        None,
        None,
        None,
    )


def test_one_attempt():
    result = analyse(papers([judge("q1", 0), judge("q2", 1)]))
    assert (result.paper.mean, result.paper.median, result.paper.sd) == (50.0, 50.0, None)
    assert result.paper.distribution == (0, 0, 0, 0, 0, 1, 0, 0, 0, 0)
    assert result.paper.alpha is None and result.paper.standard_error is None
    q1 = result.items["q1"]
    assert (q1.facility, q1.sd, q1.discrimination, q1.efficiency) == (1.0, None, None, None)


def test_everyone_with_the_same_score():
    # Twelve attempts, one of q1 and q2 right in each: every total is 1 of 2.
    result = analyse(papers(*[[judge("q1", i % 2), judge("q2", 1 - i % 2)] for i in range(12)]))
    assert (result.paper.mean, result.paper.sd) == (50.0, 0.0)
    assert result.paper.alpha is None and result.paper.error_ratio is None
    # Each question's rest is the other's mark: perfectly opposed.
    assert result.items["q1"].discrimination == pytest.approx(-1.0)
    # All marks equal, including 0.1s whose float mean is not exactly 0.1: nothing undefined
    # is made up.
    result = analyse(papers(*[[short("s", 0.1, 1.0), short("t", 0.3, 1.0)] for _ in range(12)]))
    s = result.items["s"]
    assert (s.sd, s.discrimination, s.efficiency) == (0.0, None, None)
    assert s.facility == pytest.approx(0.1)
    assert result.paper.sd == 0.0 and result.paper.alpha is None


def test_a_question_worth_nothing_has_no_facility():
    result = analyse(papers(*[[short("z", 0, 0.0), judge("q", i % 2)] for i in range(4)]))
    assert (result.items["z"].facility, result.items["z"].sd) == (None, None)


def test_chosen_option_out_of_range_is_refused():
    with pytest.raises(ValueError, match="c: option 4"):
        analyse(papers([choice("c", (4,))]))


def test_reliability_readings():
    # Four questions answered in a perfect Guttman pattern by 5 candidates of rising ability:
    # every question agrees with the rest. Facilities 4/5 3/5 2/5 1/5, variances (n − 1)
    # 0.2 0.3 0.3 0.2, sum 1; totals 0 1 2 3 4, variance 10/4 = 2.5;
    # alpha = 4/3 · (1 − 1/2.5) = 0.8 → satisfactory.
    rows = [[judge(f"q{j}", 0 if j < level else 1) for j in range(4)] for level in range(5)]
    paper = analyse(papers(*rows)).paper
    assert paper.alpha == pytest.approx(0.8)
    assert paper.reliability == "satisfactory"
    assert paper.reliability_note == "内部一致性良好：α = 0.80（＞0.75）"
    # Three questions, four candidates: facilities 3/4 2/4 1/4, variances 1/4 1/3 1/4 (sum 5/6);
    # totals 0 1 2 3, variance 5/3; alpha = 3/2 · (1 − (5/6)/(5/3)) = 0.75: not above 0.75.
    rows = [[judge(f"q{j}", 0 if j < level else 1) for j in range(3)] for level in range(4)]
    paper = analyse(papers(*rows)).paper
    assert paper.alpha == pytest.approx(0.75)
    assert paper.reliability == "borderline"
    assert paper.reliability_note == (
        "内部一致性处于临界：α = 0.75（0.64–0.75），宜复查区分度低的题目"
    )


@st.composite
def _attempt_sets(draw):
    bank = [
        (f"q{i}", draw(st.sampled_from([0, 2, 4])), draw(st.sampled_from([1.0, 2.0, 0.5])))
        for i in range(draw(st.integers(1, 6)))
    ]
    attempts = []
    for number in range(draw(st.integers(0, 25))):
        held = draw(st.lists(st.sampled_from(bank), min_size=1, unique=True))
        responses = []
        for question_id, options, max_mark in held:
            if options:
                chosen = draw(
                    st.none()
                    | st.lists(st.integers(0, options - 1), max_size=options, unique=True).map(
                        tuple
                    )
                )
                key = (0, 1) if options == 4 and question_id.endswith(("2", "4")) else (0,)
                mark = max_mark if chosen and sorted(chosen) == list(key) else 0.0
            else:
                chosen, key = None, ()
                mark = draw(st.floats(0, max_mark, allow_nan=False))
            seconds = draw(st.none() | st.floats(0, 600, allow_nan=False))
            responses.append(
                ItemResponse(question_id, mark, max_mark, chosen, options, key, seconds)
            )
        attempts.append(AttemptResponses(number, tuple(responses)))
    return attempts


@settings(max_examples=150, deadline=None)
@given(_attempt_sets())
def test_invariants(attempts):
    result = analyse(attempts)
    assert sum(result.paper.distribution) == len(attempts)
    assert not attempts or 0 <= result.paper.mean <= 100
    for item in result.items.values():
        assert 0 <= item.facility <= 1
        assert item.discrimination is None or -1 <= item.discrimination <= 1
        assert item.efficiency is None or item.efficiency <= 100
        if item.options:
            answered_share = item.answered / item.responses
            if all(
                len(r.chosen or ()) <= 1
                for a in attempts
                for r in a.responses
                if r.question_id == item.question_id
            ):
                assert sum(o.share for o in item.options) == pytest.approx(answered_share)
            assert all(o.share <= answered_share + 1e-12 for o in item.options)
            assert sum(o.count for o in item.options) >= item.answered


def test_tiny_spreads_whose_product_underflows_give_no_discrimination_rather_than_an_error():
    # Marks and rests that differ by 1e-160: each sum of squares is about 1e-320 (positive, a
    # subnormal float), yet their product underflows to 0.0. Hypothesis found this division.
    from studyapp.domain.item_analysis.items import ItemColumn, item_stats

    column = ItemColumn(options=0, key=())
    for mark, rest in ((0.0, 0.0), (1e-160, 1e-160), (0.0, 1e-160)):
        column.marks.append(mark)
        column.rests.append(rest)
        column.max_marks.append(1.0)
        column.chosen.append(None)
    stats = item_stats("q1", column)
    assert stats.responses == 3
    assert stats.discrimination is None or -1.0 <= stats.discrimination <= 1.0


def _as_rows(attempts):
    """The attempts as the database holds them: one row per response, chosen as "0,2"."""
    rows = []
    for attempt in attempts:
        for r in attempt.responses:
            chosen = ",".join(map(str, r.chosen)) if r.chosen else None
            rows.append((attempt.attempt_id, r.question_id, r.mark, r.max_mark, chosen, r.seconds))
    return rows


def _facts(attempts):
    facts = {}
    for attempt in attempts:
        for r in attempt.responses:
            facts.setdefault(r.question_id, (r.options, tuple(r.key)))
    return facts


def test_the_set_wise_pass_over_rows_gives_the_figures_worked_by_hand():
    assert analyse_rows(_as_rows(HAND_MADE), _facts(HAND_MADE)) == analyse(HAND_MADE)


@settings(max_examples=100, deadline=None)
@given(_attempt_sets())
def test_the_set_wise_pass_over_rows_agrees_with_the_objects(attempts):
    held = [a for a in attempts if a.responses]  # an attempt is rows: one without any is none
    assert analyse_rows(_as_rows(held), _facts(held)) == analyse(held)
