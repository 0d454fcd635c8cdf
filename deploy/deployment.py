"""What deploy/'s scripts share: the project's Python, the environment file and its checks, and
the nginx site. Standard library only: the scripts may start under the system's python3."""

from __future__ import annotations

import importlib.util
import os
import re
import stat
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DEFAULT_ENV_FILE = DEPLOY / "studyapp.env"
SITE_TEMPLATE = DEPLOY / "nginx-site.conf"
SECRET_HINT = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


class DeployError(Exception):
    """A problem the operator can fix; the scripts print it and exit 1."""


def use_project_python() -> None:
    """Re-runs this script under .venv/bin/python unless the running Python has the app's
    packages (make install-prod puts them there)."""
    if importlib.util.find_spec("flask") and importlib.util.find_spec("gunicorn"):
        return
    venv = ROOT / ".venv"
    venv_python = venv / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(venv_python, [str(venv_python), *sys.argv])
    raise DeployError(
        f"{sys.executable} has not got the app's packages (flask, gunicorn): "
        f"run make install-prod in {ROOT} first"
    )


def env_file_path(given: str | None = None) -> Path:
    return Path(given or os.environ.get("STUDYAPP_ENV_FILE") or DEFAULT_ENV_FILE)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as systemd's EnvironmentFile reads them: # comments, optional quotes,
    no expansion. The file must not be readable by other users: it holds the secrets."""
    if not path.exists():
        raise DeployError(
            f"no environment file at {path}: copy deploy/studyapp.env.example there, fill it in "
            f"and chmod 600 it"
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise DeployError(
            f"{path} can be read by other users (mode {mode:04o}); it holds SECRET_KEY and the "
            f"database password: chmod 600 {path}"
        )
    values = {}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, equals, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise DeployError(f"{path}:{number}: expected KEY=VALUE, got {raw!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def production_environment(path: Path) -> dict[str, str]:
    """The process environment with the file's settings on top, checked for several servers."""
    settings = read_env_file(path)
    problems = []
    if settings.get("STUDYAPP_CONFIG") != "production":
        problems.append("STUDYAPP_CONFIG must be production (secure cookies, no debug pages)")
    key = settings.get("SECRET_KEY", "")
    if len(key) < 32:
        problems.append(
            "SECRET_KEY must be at least 32 characters, the same on every server (a cookie "
            f"signed by one is read by the others); make one with {SECRET_HINT}"
        )
    if not settings.get("DATABASE_URL", "").startswith(("postgresql://", "postgres://",
                                                         "postgresql+psycopg://")):  # fmt: skip
        problems.append("DATABASE_URL must be a postgresql:// URL: every server shares it")
    if not settings.get("RATELIMIT_STORAGE_URI", "").startswith(("redis://", "rediss://")):
        problems.append(
            "RATELIMIT_STORAGE_URI must be a redis:// URL, or each worker keeps its own "
            "sign-in counts"
        )
    if settings.get("FLASK_TRUSTED_PROXIES") != "1":
        problems.append(
            "FLASK_TRUSTED_PROXIES must be 1 behind nginx, or every sign-in counts against "
            "nginx's own address"
        )
    if problems:
        raise DeployError(f"{path}:\n" + "\n".join(f"  - {p}" for p in problems))
    return {**os.environ, **settings}


def _listen_port(listen: str) -> int:
    """443 from '443', '0.0.0.0:443' or '[::]:443'."""
    match = re.fullmatch(r"(?:(?:\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})", listen)
    if not match or not 0 < int(match[1]) < 65536:
        raise DeployError(f"not a listening address: {listen!r} (a port, or ADDRESS:PORT)")
    return int(match[1])


def render_site(
    servers: list[str],
    server_name: str,
    https_listen: str,
    http_listen: str,
    certificate: Path,
    certificate_key: Path,
) -> str:
    """deploy/nginx-site.conf with its @NAMES@ filled in."""
    if not servers:
        raise DeployError("at least one app server (HOST:PORT) is needed")
    for server in servers:
        if not re.fullmatch(r"[A-Za-z0-9.-]+:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5}", server):
            raise DeployError(f"not an app server address: {server!r} (HOST:PORT)")
    if not re.fullmatch(r"[A-Za-z0-9.* -]+", server_name):
        raise DeployError(f"not a server name: {server_name!r}")
    _listen_port(http_listen)
    https_port = _listen_port(https_listen)
    for path in (certificate, certificate_key):
        if not Path(path).is_absolute():
            raise DeployError(f"give the certificate files as absolute paths: {path}")
    values = {
        "SERVERS": "\n".join(f"    server {s} max_fails=1 fail_timeout=10s;" for s in servers),
        "SERVER_NAME": server_name,
        "HTTPS_LISTEN": https_listen,
        "HTTP_LISTEN": http_listen,
        "HTTPS_PORT_IN_URL": "" if https_port == 443 else f":{https_port}",
        "CERTIFICATE": str(certificate),
        "CERTIFICATE_KEY": str(certificate_key),
    }
    text = SITE_TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise DeployError(f"{SITE_TEMPLATE} has placeholders nobody fills in: {left}")
    return text
