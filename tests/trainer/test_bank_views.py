"""Organisation banks from the browser: preview, publish, what each organisation's candidates
see, rollback, download, rejects."""

import io
import zipfile

import pytest

from studyapp.extensions import db
from studyapp.models import BankRelease
from tests.conftest import csrf_token
from tests.content_fixtures import write_course
from tests.factories import gen_cohort, gen_organisation, gen_user

BANK = "机构题一？{=甲 ~乙 ~丙 ~丁 ####因为。}\n\n机构题二。{T####因为。}\n"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


@pytest.fixture
def world(app):
    ours, theirs = gen_organisation("我们"), gen_organisation("他们")
    gen_user(role="trainer", email="t@example.com", organisation=ours)
    gen_user(role="trainer", email="t2@example.com", organisation=theirs)
    gen_user(email="ours@example.com", cohort=gen_cohort(ours))
    gen_user(email="theirs@example.com", cohort=gen_cohort(theirs))
    return ours, theirs


def _upload(client, text: str, name: str = "bank.gift", **fields):
    data = {"chapter": "basics", "format": "", "source": "000 P5", "lesson": "", **fields}
    data["csrf_token"] = csrf_token(client, "/trainer/import")
    data["file"] = (io.BytesIO(text.encode()), name)
    return client.post("/trainer/import", data=data, content_type="multipart/form-data")


def _post(client, path: str):
    return client.post(path, data={"csrf_token": csrf_token(client, "/trainer/bank")})


def _practice_total(client) -> str:
    return client.get("/practice/").get_data(as_text=True)


def _stems(client, count: int) -> str:
    return "".join(client.get(f"/practice/chapter/basics?i={i}").get_data(as_text=True)
                   for i in range(count))  # fmt: skip


def _publish(client, auth, text: str = BANK) -> int:
    auth.login("t@example.com")
    _upload(client, text)
    release = db.session.query(BankRelease).filter_by(status="pending").one()
    assert _post(client, f"/trainer/bank/{release.id}/publish").status_code == 302
    auth.logout()
    return release.id


def test_a_published_bank_is_practised_by_its_organisation_only(client, auth, world):
    ours, _theirs = world
    auth.login("ours@example.com")
    assert "机构题一" not in _stems(client, 6)
    auth.logout()
    release_id = _publish(client, auth)
    release = db.session.get(BankRelease, release_id)
    assert (release.number, release.status, release.published_by) == (
        1,
        "published",
        "t@example.com",
    )
    auth.login("ours@example.com")
    page = _stems(client, 6)
    assert "机构题一？" in page and "机构题二。" in page
    auth.logout()
    for email in ("theirs@example.com", "t2@example.com"):
        auth.login(email)
        assert "机构题一" not in _stems(client, 6)
        auth.logout()
    auth.login("t@example.com")
    history = client.get("/trainer/bank").get_data(as_text=True)
    assert 'data-release="1"' in history and "使用中" in history and "t@example.com" in history
    assert _post(client, f"/trainer/bank/{release_id}/rollback").status_code == 302
    assert db.session.get(BankRelease, release_id).status == "rolled_back"
    auth.logout()
    auth.login("ours@example.com")
    assert "机构题一" not in _stems(client, 6)


def test_a_second_release_builds_on_the_first_and_rolls_back_to_it(client, auth, world):
    ours, _theirs = world
    _publish(client, auth)
    second = _publish(
        client, auth, "机构题三？{=甲 ~乙 ####因为。}\n\n机构题一？{=甲 ~乙 ~丙 ~丁 ####因为。}\n"
    )
    release = db.session.get(BankRelease, second)
    assert release.number == 2 and release.summary["added"] == 1  # the repeat was skipped
    archive = zipfile.ZipFile(io.BytesIO(release.archive))
    text = archive.read("chapters/basics/bank.yaml").decode()
    assert f"id: basics.o{ours.id}.q003" in text and text.count("- id:") == 3
    auth.login("t@example.com")
    download = client.get(f"/trainer/bank/{second}/download")
    assert download.status_code == 200 and download.data == release.archive
    _post(client, f"/trainer/bank/{second}/rollback")
    auth.logout()
    auth.login("ours@example.com")
    page = _stems(client, 7)
    assert "机构题一？" in page and "机构题三？" not in page


def test_other_organisations_releases_are_not_found(client, auth, world):
    release_id = _publish(client, auth)
    auth.login("t2@example.com")
    assert client.get(f"/trainer/bank/{release_id}/download").status_code == 404
    _post(client, f"/trainer/bank/{release_id}/rollback")
    assert db.session.get(BankRelease, release_id).status == "published"
    auth.logout()
    auth.login("ours@example.com")
    assert client.get("/trainer/bank").status_code in (403, 404)


def test_a_partial_upload_publishes_what_converts_and_offers_the_rejects(client, auth, world):
    auth.login("t@example.com")
    text = BANK + "\n误差？{#1822:5}\n"
    refused = _upload(client, text).get_data(as_text=True)
    assert "发现 1 个问题，不能导入" in refused and "误差范围无法导入" in refused
    page = _upload(client, text, partial="y").get_data(as_text=True)
    assert "检查通过：将向本机构题库（chapters/basics/bank.yaml）加入 2 道题。" in page
    release = db.session.query(BankRelease).filter_by(status="pending").one()
    rejects = client.get(f"/trainer/bank/{release.id}/rejects")
    assert rejects.status_code == 200
    assert rejects.get_data(as_text=True).startswith("// 未导入：数值题（{#1822:5}）的误差范围")


def test_a_stale_preview_is_not_published(client, auth, world):
    auth.login("t@example.com")
    _upload(client, BANK)
    stale = db.session.query(BankRelease).filter_by(status="pending").one().id
    auth.logout()
    auth.login("t@example.com")  # the same trainer in another tab publishes something else
    gen_user(role="trainer", email="t3@example.com", organisation=world[0])
    auth.logout()
    auth.login("t3@example.com")
    _upload(client, "别的题？{=甲 ~乙 ####因为。}\n")
    other = (
        db.session.query(BankRelease).filter_by(status="pending", created_by="t3@example.com").one()
    )
    _post(client, f"/trainer/bank/{other.id}/publish")
    auth.logout()
    auth.login("t@example.com")
    response = _post(client, f"/trainer/bank/{stale}/publish")
    assert response.status_code == 302
    assert db.session.get(BankRelease, stale).status == "pending"


def test_papers_of_the_organisation_draw_on_its_bank_and_drafts_stay_out(app, client, auth, world):
    import random

    from studyapp.domain.exams.draw import draw_paper
    from studyapp.syllabus import banks as served_banks

    ours, theirs = world
    singles = "\n\n".join(f"机构单选{i}？{{=甲 ~乙 ~丙 ~丁 ####因为。}}" for i in range(30))
    _publish(client, auth, singles + "\n\n没有解析的机构题？{=甲 ~乙}\n")
    store = app.extensions["syllabus_store"]
    with app.test_request_context():
        mine = served_banks.served(store, ours.id).syllabus
        others = served_banks.served(store, theirs.id).syllabus
    draft = mine.questions[f"basics.o{ours.id}.q031"]
    assert draft.draft and draft.retired  # landed as a draft, out of use
    quiz = mine.blueprints["quiz"]
    drawn = {d.question_id for seed in range(20)
             for d in draw_paper(quiz, mine.questions.values(), random.Random(seed))}  # fmt: skip
    assert any(".o" in question_id for question_id in drawn)
    assert draft.id not in drawn
    assert not any(".o" in q for q in others.questions)
