"""Export → import is lossless for every field the format can carry, in GIFT, CSV and YAML."""

import pytest

from studyapp.domain.content.interchange import READERS
from studyapp.domain.content.interchange.draft import draft_of
from studyapp.domain.content.interchange.formats import export_chapter
from studyapp.domain.questions import question_type
from tests.content_fixtures import course_files, load

EXTRA = """
- id: basics.q005
  type: fill
  stem: 服务的特性之一是（  ）。
  answers: [无形性, 不可触摸性]
  explanation: 服务看不见摸不着。
  source: "000 P16; 000 P17"
  lesson: basics.more
  tags: [特征, "带:冒号]的标签"]
  levels: [2]
- id: basics.q006
  type: single
  stem: "含特殊字符的题干 {a} = ~b #c: d\\\\e？\\n第二行"
  options: ["甲 = 1", "乙 ~ 2", "丙 # 3", "丁: {4}"]
  answer: C
  explanation: "解析也有 {特殊} 字符：= ~ #"
  source: "000 P3"
  lesson: basics.intro
"""


@pytest.mark.parametrize("name", ["gift", "csv", "yaml"])
def test_a_chapter_exported_and_read_back_has_every_field(name):
    files = course_files()
    files["chapters/basics/questions.yaml"] += EXTRA
    syllabus = load(files).syllabus
    text, skipped = export_chapter(syllabus, "basics", name)
    carried = [q for q in syllabus.questions_of("basics")
               if name in question_type(q.type).formats]  # fmt: skip
    assert skipped == len(syllabus.questions_of("basics")) - len(carried)
    result = READERS[name](text, "exported")
    assert result.problems == () and result.warnings == ()
    assert result.drafts == tuple(draft_of(q) for q in carried)
    assert {d.id for d in result.drafts} >= {"basics.q005", "basics.q006"}
