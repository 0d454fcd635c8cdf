"""deploy/'s scripts refuse an environment that would break a multi-server deployment, with a
message that says what to do; deploy/nginx-site writes a site nginx accepts; deploy/backup-db
writes a dump that restores. The deployment itself runs in tests/trust/test_multi_server.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from studyapp import create_app
from studyapp.extensions import db
from tests.conftest import PG_URL
from tests.factories import gen_user

ROOT = Path(__file__).resolve().parents[1]
GOOD = {
    "STUDYAPP_CONFIG": "production",
    "SECRET_KEY": "k" * 64,
    "DATABASE_URL": "postgresql://studyapp@127.0.0.1:5432/studyapp",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
    "FLASK_TRUSTED_PROXIES": "1",
}
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def _script(name: str, *args: str, env_file: Path | None = None, **kwargs):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "STUDYAPP_"))}
    if env_file is not None:
        env["STUDYAPP_ENV_FILE"] = str(env_file)
    command = [sys.executable, str(ROOT / "deploy" / name), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, **kwargs)


def _env_file(tmp_path: Path, mode: int = 0o600, **changes) -> Path:
    settings = {**GOOD, **changes}
    path = tmp_path / "studyapp.env"
    lines = [f"{k}={v}" for k, v in settings.items() if v is not None]
    path.write_text("# comment\n\n" + "\n".join(lines) + "\n")
    path.chmod(mode)
    return path


def test_the_example_environment_file_names_every_setting_the_checks_need():
    example = (ROOT / "deploy" / "studyapp.env.example").read_text()
    for name in GOOD:
        assert f"\n{name}=" in example


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": ""}, "secrets.token_hex(32)"),
        ({"SECRET_KEY": "short"}, "at least 32 characters"),
        ({"STUDYAPP_CONFIG": None}, "STUDYAPP_CONFIG must be production"),
        ({"DATABASE_URL": "sqlite:///x.sqlite3"}, "DATABASE_URL must be a postgresql:// URL"),
        ({"RATELIMIT_STORAGE_URI": "memory://"}, "RATELIMIT_STORAGE_URI must be a redis://"),
        ({"FLASK_TRUSTED_PROXIES": None}, "FLASK_TRUSTED_PROXIES must be 1"),
    ],
)
def test_a_setting_unfit_for_several_servers_is_refused(tmp_path, changes, message):
    env_file = _env_file(tmp_path, **changes)
    for result in (
        _script("flask", "--version", env_file=env_file),
        _script("start", "--env-file", str(env_file), "--run-dir", str(tmp_path / "run")),
    ):
        assert result.returncode == 1
        assert message in result.stderr
    assert not (tmp_path / "run").exists(), "refused before doing anything"


def test_an_environment_file_others_can_read_is_refused(tmp_path):
    env_file = _env_file(tmp_path, mode=0o644)
    result = _script("flask", "--version", env_file=env_file)
    assert result.returncode == 1
    assert f"chmod 600 {env_file}" in result.stderr
    missing = _script("flask", "--version", env_file=tmp_path / "nowhere.env")
    assert missing.returncode == 1 and "deploy/studyapp.env.example" in missing.stderr


def test_a_good_environment_file_reaches_flask(tmp_path):
    env_file = _env_file(tmp_path, SECRET_KEY='"' + "q" * 40 + '"')
    result = _script("flask", "--version", env_file=env_file, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Flask" in result.stdout


def test_nginx_site_checks_what_it_is_given(tmp_path):
    result = _script(
        "nginx-site", "--server", "10.0.0.11:8000", "--server", "evil; include /etc",
        "--server-name", "study.example.com", "--certificate", "/etc/c.pem",
        "--certificate-key", "/etc/k.pem",
    )  # fmt: skip
    assert result.returncode == 1 and "not an app server address" in result.stderr


@pytest.mark.skipif(
    (NGINX is None or shutil.which("openssl") is None) and not os.environ.get("REQUIRE_NGINX"),
    reason="nginx or openssl not installed",
)
def test_nginx_accepts_the_site_for_a_proxy_of_its_own(tmp_path):
    certificate, key = tmp_path / "site.crt", tmp_path / "site.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=study.example.com", "-keyout", key,
         "-out", certificate],
        check=True, capture_output=True,
    )  # fmt: skip
    result = _script(
        "nginx-site", "--server", "10.0.0.11:8000", "--server", "10.0.0.12:8000",
        "--server-name", "study.example.com", "--certificate", str(certificate),
        "--certificate-key", str(key), "--https", "127.0.0.1:8443", "--http", "127.0.0.1:8080",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    site = result.stdout
    assert "server 10.0.0.11:8000 max_fails=1 fail_timeout=10s;" in site
    assert "server 10.0.0.12:8000 max_fails=1 fail_timeout=10s;" in site
    assert "return 301 https://$host:8443$request_uri;" in site
    assert "@" not in site.replace("@ signs", "")
    (tmp_path / "site.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    temp_paths = " ".join(f"{kind}_temp_path {tmp_path}/{kind};"
                          for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))  # fmt: skip
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; {temp_paths} include {tmp_path}/site.conf; }}\n"
    )
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(
    not PG_URL or shutil.which("pg_dump") is None, reason="PostgreSQL and pg_dump needed"
)
def test_a_backup_restores_into_an_empty_database(tmp_path):
    source, restored = (f"studyapp_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("src", "dst"))
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    url = make_url(PG_URL)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{source}"'))
            connection.execute(text(f'CREATE DATABASE "{restored}"'))
        source_url = url.set(database=source).render_as_string(hide_password=False)
        app = create_app({"SQLALCHEMY_DATABASE_URI": source_url})
        with app.app_context():
            upgrade()
            gen_user(email="kept@example.com")
            db.session.remove()
            db.engine.dispose()
        env_file = _env_file(tmp_path, DATABASE_URL=source_url)
        folder = tmp_path / "backups"
        folder.mkdir()
        stale, recent = folder / "studyapp-20200101-000000.dump", folder / "notes.txt"
        for path in (stale, recent):
            path.write_text("old")
            os.utime(path, (time.time() - 30 * 86400,) * 2)

        result = _script("backup-db", str(folder), env_file=env_file)
        assert result.returncode == 0, result.stderr
        dumps = sorted(folder.glob("studyapp-*.dump"))
        assert len(dumps) == 1 and dumps[0] != stale, "the old dump is pruned, the new one kept"
        assert recent.exists(), "only dumps are pruned"
        assert dumps[0].stat().st_mode & 0o077 == 0

        target = url.set(database=restored).set(drivername="postgresql")
        restore = ["pg_restore", "--no-owner", "--exit-on-error", "-d",
                   target.render_as_string(hide_password=False), str(dumps[0])]  # fmt: skip
        assert subprocess.run(restore, capture_output=True, text=True).returncode == 0
        check = create_engine(url.set(database=restored))
        with check.connect() as connection:
            emails = connection.execute(text("SELECT email FROM user_account")).scalars().all()
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        check.dispose()
        assert emails == ["kept@example.com"]
        assert revision
    finally:
        with admin.connect() as connection:
            for name in (source, restored):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_every_periodic_job_is_a_command_of_the_app(tmp_path):
    jobs = [
        line.split(None, 6)[6]
        for line in (ROOT / "deploy" / "studyapp.cron").read_text().splitlines()
        if line[:1] in "*0123456789" and line.strip()
    ]
    assert len(jobs) >= 5
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/cron.sqlite3"})
    runner = app.test_cli_runner()
    for job in jobs:
        program, *words = job.split(">")[0].split()
        assert program.startswith("/opt/studyapp/deploy/")
        assert (ROOT / "deploy" / Path(program).name).exists(), job
        if program.endswith("/flask"):
            result = runner.invoke(args=[*words, "--help"])
            assert result.exit_code == 0, f"{job}: {result.output}"
