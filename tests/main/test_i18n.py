"""Simplified Chinese by default, English on request, the choice remembered."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import AuthActions, csrf_token
from tests.factories import gen_user

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "studyapp/translations/en/LC_MESSAGES/messages.po"


def _switch(client, locale: str):
    token = csrf_token(client, "/")
    return client.post("/language", data={"locale": locale, "csrf_token": token})


def test_chinese_by_default_and_english_on_request(client):
    page = client.get("/").get_data(as_text=True)
    assert 'lang="zh-CN"' in page and "登录" in page
    assert _switch(client, "en").status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in page and "Sign in" in page


def test_a_users_choice_follows_them_to_a_new_session(app):
    gen_user(email="a@example.com")
    first = app.test_client()
    assert AuthActions(first).login("a@example.com").status_code == 302
    _switch(first, "en")
    later = app.test_client()  # another browser: no session cookie of the first
    AuthActions(later).login("a@example.com")
    assert "Sign out" in later.get("/").get_data(as_text=True)


def test_unknown_locale_is_ignored(client):
    _switch(client, "fr")
    assert 'lang="zh-CN"' in client.get("/").get_data(as_text=True)


def test_every_message_has_an_english_translation():
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    keywords |= {
        "Text": None,
        "N_": None,
    }  # the domain's messages (studyapp/domain/content/text.py)
    keywords |= {"pgettext": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}  # with a context
    source_ids = {
        (context, message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT / "studyapp"), method_map, keywords=keywords
        )
    }
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and m.string and "fuzzy" not in m.flags
    }
    assert sorted(source_ids - translated) == []
