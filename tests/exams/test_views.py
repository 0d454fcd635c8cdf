"""The exam pages: list, sitting with the form fallback, the result and its review."""

from tests.conftest import csrf_token
from tests.factories import gen_user


def _start(client, auth, blueprint="quick-quiz"):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    token = csrf_token(client, "/exams")
    response = client.post(f"/exams/{blueprint}/start", data={"csrf_token": token})
    assert response.status_code == 302
    return response.headers["Location"]


def test_the_exam_page_shows_questions_a_countdown_and_no_keys(client, auth):
    url = _start(client, auth)
    page = client.get(url).get_data(as_text=True)
    assert page.count('class="question card"') == 20
    assert 'class="clock">20:00<' in page or 'class="clock">19:59<' in page
    assert "解析" not in page and "正确答案" not in page
    assert 'src="/static/js/exam.js"' in page


def test_form_fallback_saves_and_submits_then_shows_the_review(client, auth):
    url = _start(client, auth)
    attempt_id = url.rsplit("/", 1)[1]
    questions = client.get(f"/api/v1/attempts/{attempt_id}").get_json()["questions"]
    judge = next(q for q in questions if q["type"] == "judge")
    token = csrf_token(client, url)
    saved = client.post(f"{url}/save", data={f"answer-{judge['question_id']}": "true", "action": "save",
                                               "csrf_token": token})  # fmt: skip
    assert saved.status_code == 302
    assert 'value="true" checked' in client.get(url).get_data(as_text=True)
    done = client.post(f"{url}/save", data={"action": "submit", "csrf_token": token,
                                            f"answer-{judge['question_id']}": "true"})  # fmt: skip
    assert done.headers["Location"].endswith("/result")
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "未通过" in page and "逐题回顾" in page and "解析" in page
    assert "各章得分" in page and "各题型得分" in page
    assert client.get(url).headers["Location"].endswith("/result")


def test_history_lists_attempts(client, auth):
    url = _start(client, auth)
    page = client.get("/exams").get_data(as_text=True)
    assert "20 题快速小测" in page and "进行中" in page and url in page


def test_the_home_page_offers_to_resume_an_open_attempt(client, auth):
    url = _start(client, auth)
    page = client.get("/").get_data(as_text=True)
    assert "“20 题快速小测”还没有交卷" in page and f'href="{url}"' in page


def test_the_result_names_outcomes_right_and_wrong_in_english_not_true_and_false(client, auth):
    url = _start(client, auth)
    attempt_id = url.rsplit("/", 1)[1]
    questions = client.get(f"/api/v1/attempts/{attempt_id}").get_json()["questions"]
    judges = [q for q in questions if q["type"] == "judge"][:2]
    token = csrf_token(client, url)
    answers = {
        f"answer-{q['question_id']}": value
        for q, value in zip(judges, ("true", "false"), strict=True)
    }
    done = client.post(f"{url}/save", data={"action": "submit", "csrf_token": token, **answers})
    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client, "/")})
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    # One of true/false is the key of each of two judge questions: at least one right or wrong.
    assert 'class="mark">Right ·' in page or 'class="mark">Wrong ·' in page
    assert 'class="mark">True' not in page and 'class="mark">False' not in page
    assert 'href="/static/css/study.css"' in page
