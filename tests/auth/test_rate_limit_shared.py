"""With RATELIMIT_STORAGE_URI pointing at Redis, every worker counts the same login attempts.

Runs where TEST_REDIS_URL is set (.ci/run sets it); the memory default is covered elsewhere.
"""

import os
import uuid

import pytest

from studyapp import create_app
from tests.conftest import FreshGlobalsClient, csrf_token
from tests.factories import gen_user

REDIS_URL = os.environ.get("TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL not set")
def test_two_workers_share_the_login_limit(app, database_url):
    gen_user(email="a@example.com")
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "LOGIN_RATE_LIMIT": "4 per minute",
    }
    statuses = []
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    for _worker in range(2):
        worker = create_app(config)
        worker.test_client_class = FreshGlobalsClient
        with worker.app_context():
            client = worker.test_client()
            # Counters are keyed by address: a fresh one per run keeps Redis runs apart.
            client.environ_base["REMOTE_ADDR"] = address
            token = csrf_token(client)
            data = {"email": "a@example.com", "password": "wrong-password", "csrf_token": token}
            statuses += [client.post("/auth/login", data=data).status_code for _ in range(3)]
    # Three attempts on the first worker, the fourth on the second is still allowed, then refused.
    assert statuses == [400, 400, 400, 400, 429, 429]
