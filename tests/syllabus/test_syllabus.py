"""The real course in content/: complete, checked, and written like a good examiner's bank."""

import re
from collections import Counter
from pathlib import Path

import pytest

from studyapp.domain.content import ContentFiles, load_syllabus
from studyapp.domain.content.balance import balance_rows
from studyapp.domain.content.blueprints import disjoint_papers, questions_by_type
from studyapp.domain.content.model import ChoiceQuestion, JudgeQuestion, ListCard

CONTENT = Path(__file__).resolve().parents[2] / "content"

# Every enumeration of the seeds: its list card and the number of members the source gives.
# Where the wording is canonical, the members are pinned too (each keyword in one member, in
# order when the list is ordered).
ENUMERATIONS = {
    "career.card.lag-causes": (5, ["城市化", "产业化", "市场化", "开放", "人才"]),
    "career.card.outlook": (2, None),
    "career.card.abilities": (5, None),
    "career.card.planning-steps": (5, ["自我评价", "职业分析", "职业定位", "计划实施", "评估调整"]),
    "career.card.anchors": (5, ["技术", "管理型", "创造型", "自主", "安全型"]),
    "career.card.anchor-self-knowledge": (3, ["天资", "动机", "态度"]),
    "ethics.card.traits": (4, ["行业性", "广泛性", "实用性", "时代性"]),
    "ethics.card.connotations": (8, None),
    "ethics.card.code": (2, None),
    "ethics.card.required": (5, ["遵纪守法", "诚实守信", "文明礼貌", "承担责任", "追求卓越"]),
    "ethics.card.citizen-morals": (5, ["爱国守法", "明礼诚信", "团结友善", "勤俭自强", "敬业奉献"]),
    "service-basics.card.customer-connotation": (3, None),
    "service-basics.card.service-traits": (4, ["无形性", "差异性", "同步性", "易失性"]),
    "service-basics.card.cs-evolution": (3, ["售后服务", "产品服务", "满足客户需要"]),
    "service-basics.card.cs-traits": (5, ["层次性", "系统性", "及时性", "多样性", "变革性"]),
    "service-management.card.principles": (
        16,
        [
            "内部客户至上",
            "公平奖励",
            "权力与责任",
            "有效培训",
            "全面服务",
            "结果为导向",
            "顾客为关注焦点",
            "有效沟通",
            "高效服务",
            "量化服务",
            "服务细节",
            "服务创新",
            "领导示范",
            "顺应变化",
            "双赢",
            "持续改进",
        ],
    ),
    "service-management.card.system-elements": (
        8,
        [
            "领导承诺",
            "全员参与",
            "服务策划",
            "服务管理",
            "标准服务",
            "服务培训",
            "投诉管理",
            "服务评审",
        ],
    ),
    "service-management.card.culture-forms": (4, ["观念", "行为", "管理", "物质"]),
    "service-management.card.culture-domains": (2, ["外部", "内部"]),
    "enterprise.card.traits": (5, ["经济性", "社会性", "商品性", "竞争性", "协同性"]),
    "enterprise.card.synergy": (2, None),
    "enterprise.card.behaviour-points": (3, None),
    "enterprise.card.agency-types": (3, ["法定代理", "委托代理", "指定代理"]),
    "enterprise.card.implementation": (2, ["任务管理", "员工管理"]),
    "enterprise.card.staff-focus": (4, ["归口管理", "代理管理", "员工关系管理", "员工价值管理"]),
    "enterprise.card.product-roles": (4, None),
    "enterprise.card.objective-readings": (4, ["中心", "标准", "宗旨", "使命"]),
    "enterprise.card.customer-composition": (2, ["外部客户", "内部客户"]),
    "enterprise.card.external-customers": (2, ["中间客户", "最终客户"]),
    "customer-value.card.value-components": (4, ["产品价值", "服务价值", "人员价值", "形象价值"]),
    "customer-value.card.cost-components": (4, ["货币", "时间成本", "体力成本", "精神成本"]),
    "customer-value.card.increase-value": (4, ["客户感知", "个性化", "协助客户成功", "客户快乐"]),
    "customer-value.card.latent-demand": (2, None),
    "manager.card.roles": (4, ["执行者", "领导者", "传递者", "守护者"]),
    "manager.card.duty-layers": (5, ["战略", "运营", "团队", "客户", "改进"]),
    "manager.card.qualities": (6, None),
    "manager.card.training-system": (4, ["入职培训", "在岗", "骨干", "知识共享"]),
    "manager.card.kpis": (3, ["客户满意度", "一次解决率", "平均处理时长"]),
    "manager.card.performance": (4, None),
    "manager.card.team-culture": (5, None),
    "manager.card.selection-methods": (2, ["结构化面试", "情景模拟"]),
    "quality.card.standard-contents": (4, ["仪容仪表", "沟通话术", "响应时限", "问题处理流程"]),
    "quality.card.monitoring": (4, ["旁听", "抽检", "客户反馈", "神秘顾客"]),
    "quality.card.feedback-channels": (3, ["满意度调查", "客户投诉", "在线评价"]),
    "standards.card.grades": (4, ["专员", "主管", "经理", "总监"]),
    "standards.card.ethics": (
        8,
        [
            "文明礼貌",
            "遵纪守法",
            "诚实守信",
            "办事公道",
            "爱岗敬业",
            "团结互助",
            "开拓创新",
            "客户至上",
        ],
    ),
    "standards.card.knowledge-areas": (13, None),
    "standards.card.qualities": (5, None),
    "standards.card.specialist-entry": (2, None),
    "standards.card.supervisor-entry": (5, None),
    "standards.card.specialist-abilities": (3, ["提供", "控制", "改进"]),
    "standards.card.supervisor-abilities": (4, ["策划", "提供", "控制", "改进"]),
    "handbook.card.structure": (9, None),
    "handbook.card.department-duties": (8, None),
    "handbook.card.positions": (7, None),
    "handbook.card.leadership": (5, ["企业文化", "每一个人的事", "有准备", "沟通", "团队合作"]),
    "handbook.card.3t": (3, ["Tact", "Timing", "Tolerance"]),
    "handbook.card.tact": (3, ["愉快", "敏锐", "迅速"]),
    "handbook.card.timing": (3, ["时间", "场合", "角色扮演"]),
    "handbook.card.etiquette": (4, ["相互谅解", "充满爱心", "品德高尚", "吸取经验"]),
    "handbook.card.key-account-knowledge": (4, None),
    "handbook.card.information-work": (4, None),
    "handbook.card.commitment-knowledge": (4, None),
    "handbook.card.call-centre-knowledge": (6, None),
    "handbook.card.three-steps": (3, ["职责量化", "目标量化", "执行细化"]),
    "handbook.card.selling-points": (4, ["实务", "工作模板", "工具表单", "工作流程"]),
}


@pytest.fixture(scope="module")
def syllabus():
    result = load_syllabus(ContentFiles.from_directory(CONTENT))
    assert result.problems == (), "\n".join(str(p) for p in result.problems)
    return result.syllabus


@pytest.fixture(scope="module")
def questions(syllabus):
    return [q for q in syllabus.questions.values() if not q.retired]


def test_the_bank_is_as_large_as_the_exam_needs(syllabus, questions):
    by_type = Counter(q.type for q in questions)
    assert len(questions) >= 450
    assert by_type["single"] >= 170 and by_type["multiple"] >= 120
    assert by_type["judge"] >= 120 and by_type["short"] >= 40
    assert sum(1 for card in syllabus.cards.values() if not card.retired) >= 250
    card_types = Counter(card.type for card in syllabus.cards.values())
    assert min(card_types.values()) > 0 and set(card_types) == {"basic", "cloze", "list"}


def test_single_choice_keys_are_spread_over_the_letters(questions):
    keys = Counter("ABCD"[next(iter(q.keys))] for q in questions if q.type == "single")
    total = sum(keys.values())
    shares = {letter: keys[letter] / total for letter in "ABCD"}
    assert all(0.20 <= share <= 0.30 for share in shares.values()), shares


def test_judge_questions_are_about_half_true(questions):
    judges = [q for q in questions if isinstance(q, JudgeQuestion)]
    share = sum(q.answer for q in judges) / len(judges)
    assert 0.40 <= share <= 0.60, share


def test_no_two_questions_share_a_stem(questions):
    def normal(stem: str) -> str:
        return re.sub(r"[\s（）()，。、？?！!：:“”\"']", "", stem)

    stems = Counter(normal(q.stem) for q in questions)
    assert [stem for stem, count in stems.items() if count > 1] == []


def test_every_question_is_explained_sourced_and_linked(syllabus, questions):
    for question in questions:
        assert len(question.explanation) >= 10, question.id
        assert question.source, question.id
        assert question.lesson in syllabus.lessons, question.id
    multiple = [q for q in questions if q.type == "multiple"]
    assert all(len(q.keys) >= 2 for q in multiple)
    assert Counter(len(q.keys) for q in multiple)[len(multiple[0].options)] < len(multiple) / 4


def test_every_source_names_a_seed_page_or_a_listed_reference(syllabus):
    items = [*syllabus.lessons.values(), *syllabus.cards.values(), *syllabus.questions.values()]
    assert len(items) > 1000
    unresolved = {i.id: syllabus.course.unresolved_sources(i.source) for i in items}
    assert {item_id: parts for item_id, parts in unresolved.items() if parts} == {}
    assert all(item.source for item in items)


def test_no_chapter_leaks_its_keys_by_letter_truth_or_absolute_words(syllabus):
    unbalanced = {row.chapter: row.problems() for row in balance_rows(syllabus)}
    assert {chapter: found for chapter, found in unbalanced.items() if found} == {}


def test_no_all_of_the_above(questions):
    banned = ("以上都对", "以上都不对", "以上皆是", "以上皆非", "以上都是", "以上均")
    for question in questions:
        if isinstance(question, ChoiceQuestion):
            assert not any(option.startswith(banned) for option in question.options), question.id


@pytest.mark.parametrize("card_id", sorted(ENUMERATIONS))
def test_each_enumeration_of_the_seeds_has_a_complete_list_card(syllabus, card_id):
    count, keywords = ENUMERATIONS[card_id]
    card = syllabus.cards.get(card_id)
    assert isinstance(card, ListCard), f"{card_id} is missing or not a list card"
    assert len(card.members) == count
    if keywords:
        for keyword in keywords:
            assert any(keyword in member for member in card.members), f"{card_id}: {keyword}"
        if card.ordered:
            positions = [
                next(i for i, member in enumerate(card.members) if keyword in member)
                for keyword in keywords
            ]
            assert positions == sorted(positions), f"{card_id} is out of order"


def test_every_lesson_ends_with_its_key_points(syllabus):
    for lesson in syllabus.active_lessons():
        headings = re.findall(r"^##\s+(.+?)\s*$", lesson.body, re.M)
        assert headings and headings[-1] == "要点回顾", lesson.id


ETHICS_CHAPTERS = {"ethics", "work-ethics"}


def test_the_mock_theory_paper_follows_the_real_format(syllabus):
    """职业道德 25 items (8 single, 8 multiple, 9 个人表现) worth 10 points, 理论知识 100 items
    (60 single, 40 multiple) worth 90, one pass mark of 60 (docs/exam-format.md)."""
    paper = syllabus.blueprints["mock-theory"]
    assert paper.kind == "mock" and paper.time_limit == 90
    (part,) = paper.parts
    assert part.question_count == 125 and part.total == pytest.approx(100)
    assert part.pass_mark == 60
    shape = [(s.type, s.count, s.points) for s in part.sections]
    assert shape == [
        ("single", 8, 0.4), ("multiple", 8, 0.4), ("single", 9, 0.4),
        ("single", 60, 0.9), ("multiple", 40, 0.9),
    ]  # fmt: skip
    assert all(s.scoring == "all_or_nothing" for s in part.sections if s.type == "multiple")
    ethics, theory = part.sections[:3], part.sections[3:]
    for section in ethics:
        for source in section.sources:
            pool = [q for q in syllabus.questions.values() if source.tag in q.tags]
            assert source.chapter in ETHICS_CHAPTERS or {q.chapter for q in pool} <= ETHICS_CHAPTERS
    theory_chapters = {s.chapter for sec in theory for s in sec.sources}
    assert theory_chapters == set(syllabus.course.chapter_ids) - ETHICS_CHAPTERS
    # Two mock papers can be drawn without sharing a question.
    assert disjoint_papers(paper, questions_by_type(syllabus.questions.values())) >= 2


# Issue 16 (the manager's own subjects) and issue 17 (foundation knowledge and ethics).
PART_ONE = ("cs-department", "service-promise", "crm", "key-accounts", "customer-info",
            "service-quality", "satisfaction", "complaints", "after-sales", "call-center",
            "call-center-ops", "service-strategy")  # fmt: skip
PART_TWO = ("commodity", "marketing", "consumer", "communication", "management",
            "org-behaviour", "hr-management", "statistics", "ecommerce", "law-consumer",
            "law-contract", "business-english")  # fmt: skip


def _amounts(syllabus, chapter: str) -> dict[str, int]:
    questions = Counter(q.type for q in syllabus.questions_of(chapter))
    return {"lessons": len(syllabus.lessons_of(chapter)), "cards": len(syllabus.cards_of(chapter)),
            **questions, "questions": sum(questions.values())}  # fmt: skip


@pytest.mark.parametrize("chapter", PART_ONE)
def test_each_job_area_is_taught_at_textbook_depth(syllabus, chapter):
    amounts = _amounts(syllabus, chapter)
    minimum = {"lessons": 4, "cards": 30, "questions": 60, "single": 25, "multiple": 15,
               "judge": 12, "short": 5}  # fmt: skip
    assert all(amounts.get(k, 0) >= v for k, v in minimum.items()), amounts
    cases = [q for q in syllabus.questions_of(chapter) if "案例分析" in q.tags]
    assert len(cases) >= 2


@pytest.mark.parametrize("chapter", PART_TWO)
def test_each_foundation_area_is_taught(syllabus, chapter):
    amounts = _amounts(syllabus, chapter)
    minimum = {"lessons": 4, "cards": 25, "questions": 50, "single": 20, "multiple": 12,
               "judge": 10, "short": 3}  # fmt: skip
    assert all(amounts.get(k, 0) >= v for k, v in minimum.items()), amounts


def test_the_ethics_part_has_its_own_large_chapter(syllabus):
    amounts = _amounts(syllabus, "work-ethics")
    assert amounts["questions"] >= 120 and amounts["lessons"] >= 4
    performance = [q for q in syllabus.questions_of("work-ethics") if "职业道德个人表现" in q.tags]
    assert len(performance) >= 18  # two mock papers' worth of 个人表现 items


def test_numeric_statistics_questions_are_worked(syllabus):
    numeric = [
        q
        for q in syllabus.questions_of("statistics")
        if isinstance(q, ChoiceQuestion) and all(re.search(r"\d", o) for o in q.options)
    ]
    assert len(numeric) >= 15
    assert all(re.search(r"[=＝×÷/]", q.explanation) for q in numeric)


def test_the_other_papers_exist(syllabus):
    quiz = syllabus.blueprints["quick-quiz"]
    assert quiz.question_count == 20 and quiz.total == 100
    skills = syllabus.blueprints["skills-short"]
    assert {s.type for p in skills.parts for s in p.sections} == {"short"}
    for chapter in syllabus.course.chapter_ids:
        practice = syllabus.blueprints[f"practice-{chapter}"]
        assert practice.kind == "practice"
        assert {s.chapter for p in practice.parts for sec in p.sections for s in sec.sources} == {
            chapter
        }
