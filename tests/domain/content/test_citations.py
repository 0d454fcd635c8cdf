"""Citations as people read them: titles and pages, never "000 P22" or a reference id."""

from studyapp.domain.content.citations import humanise, short_reference, source_text

SEEDS = {
    "000": "客户服务管理师二级通关宝典",
    "001": "《客户服务管理》串讲资料",
    "003": "客服专业人员技术要求",
}
REFERENCES = {
    "ldoce": "Longman Dictionary of Contemporary English（朗文当代高级英语辞典）. Pearson",
    "sbgd-1995": "《部分商品修理更换退货责任规定》（国家经贸委等 1995 年发布）",
    "acsi-1996": "Fornell C., Johnson M. D. (1996). The American Customer Satisfaction Index.",
}


def test_seed_pages_in_an_explanation_become_titles_and_pages():
    text = "无形性是服务的特性（000 P22），概念见（001 P38；000 P20-21）。"
    assert humanise(text, SEEDS, REFERENCES) == (
        "无形性是服务的特性（《客户服务管理师二级通关宝典》第 22 页），"
        "概念见（《客户服务管理》串讲资料 第 38 页；《客户服务管理师二级通关宝典》第 20–21 页）。"
    )


def test_a_bare_seed_number_is_named_and_one_after_its_title_is_dropped():
    assert humanise("客户至上出自 003，", SEEDS, {}) == "客户至上出自 《客服专业人员技术要求》，"
    assert (
        humanise("《客服专业人员技术要求》（003）的要求", SEEDS, {})
        == "《客服专业人员技术要求》的要求"
    )


def test_numbers_that_are_not_citations_stay():
    for text in (
        "＝100÷2 000＝5%",
        "18 000÷1 200＝15",
        "GB/T 19000—2016",
        "ISO 9001:2015",
        "2003 年",
    ):
        assert humanise(text, SEEDS, REFERENCES) == text


def test_bracketed_reference_ids_become_short_titles():
    assert (
        humanise("细则（sbgd-1995 第四条）。", SEEDS, REFERENCES)
        == "细则（《部分商品修理更换退货责任规定》第四条）。"
    )
    assert (
        humanise("道歉（ldoce）", SEEDS, REFERENCES)
        == "道歉（Longman Dictionary of Contemporary English（朗文当代高级英语辞典））"
    )
    assert humanise("（unknown-id）", SEEDS, REFERENCES) == "（unknown-id）"
    assert short_reference(REFERENCES["acsi-1996"]) == "Fornell (1996)"


def test_a_source_value_reads_as_titles_with_pages():
    assert source_text("000 P16; acsi-1996", SEEDS, REFERENCES) == (
        "客户服务管理师二级通关宝典 第 16 页；Fornell (1996)"
    )
    assert source_text("003", SEEDS, REFERENCES) == "客服专业人员技术要求"
    assert source_text("999 P1", SEEDS, REFERENCES) == "999 P1"  # unknown: as written
