"""Lesson Markdown renders with tables, admonitions and a table of contents, and never runs script."""

from studyapp.domain.content.render import render_markdown

LESSON = """\
## 服务的特性

| 特性 | 含义 |
|---|---|
| 无形性 | 看不见摸不着 |

!!! note "拓展"
    这是补充说明。

### 小节

正文<script>alert(1)</script>与<a href="javascript:alert(2)">链接</a>
<img src="x" onerror="alert(3)"> <a href="https://example.com/" onclick="x()">外链</a>
"""


def test_tables_admonitions_and_toc():
    rendered = render_markdown(LESSON)
    assert "<table>" in rendered.html and "<td>无形性</td>" in rendered.html
    assert 'class="admonition note"' in rendered.html
    assert 'class="admonition-title">拓展' in rendered.html
    assert [(e.level, e.title) for e in rendered.toc] == [(2, "服务的特性"), (3, "小节")]
    assert rendered.toc[0].id == "服务的特性"
    assert 'id="服务的特性"' in rendered.html


def test_script_and_event_handlers_are_removed():
    html = render_markdown(LESSON).html
    assert "<script" not in html and "alert(1)" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html
    assert 'href="https://example.com/"' in html
    assert 'rel="noopener noreferrer"' in html
