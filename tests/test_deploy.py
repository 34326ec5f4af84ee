"""The production set-up (issue 16): gunicorn serves HTTP (bf1portal.wsgi),
daphne the WebSockets on /ws/, nginx routes both and keeps anonymous public pages
in its cache, never a request that carries a session, CSRF, language or messages
cookie, nor the private areas, the API or a POST
(docs/decisions/0015-gunicorn-http-daphne-websocket.md)."""

from __future__ import annotations

import io
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
HTTP_CONF = (DEPLOY / "nginx" / "http.conf").read_text()
SERVER_CONF = (DEPLOY / "nginx" / "server.conf").read_text()


def without_comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def locations(conf: str) -> dict[str, str]:
    """Top-level location blocks of server.conf: {"/ws/": body, ...} (nested
    blocks are kept inside their parent's body)."""
    text = without_comments(conf)
    found = {}
    for match in re.finditer(r"^location\s+([^{]+)\{", text, re.M):
        depth, index = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            index += 1
        found[match.group(1).strip()] = text[match.end() : index - 1]
    return found


def map_block(variable: str) -> dict[str, str]:
    """The entries of `map <source> $variable { ... }` in http.conf."""
    text = without_comments(HTTP_CONF)
    body = re.search(r"map\s+\S+\s+\$" + variable + r"\s*\{(.*?)\}", text, re.S).group(1)
    entries = {}
    for line in body.strip().splitlines():
        line = line.strip().rstrip(";")
        if line:
            key, value = line.rsplit(None, 1)
            entries[key.strip().strip('"')] = value
    return entries


def nginx_regex(entries: dict[str, str]) -> list[re.Pattern]:
    return [re.compile(key[1:]) for key in entries if key.startswith("~")]


# --- nginx: who serves what ----------------------------------------------------------


@pytest.mark.parametrize("main", ["nginx.conf", "nginx-tls.conf"])
def test_both_nginx_configs_use_the_shared_routing(main):
    conf = without_comments((DEPLOY / main).read_text())
    assert "include /etc/nginx/bf1/http.conf;" in conf
    assert "include /etc/nginx/bf1/server.conf;" in conf


def test_websockets_go_to_daphne_and_everything_else_to_gunicorn():
    http = without_comments(HTTP_CONF)
    assert re.search(r"upstream bf1_web\s*\{\s*server web:8000;", http)
    assert re.search(r"upstream bf1_ws\s*\{\s*server ws:8000;", http)

    blocks = locations(SERVER_CONF)
    assert "proxy_pass http://bf1_ws;" in blocks["/ws/"]
    passes = {where: re.findall(r"proxy_pass\s+(\S+);", body) for where, body in blocks.items()}
    for where, targets in passes.items():
        if where != "/ws/":
            assert targets in ([], ["http://bf1_web"]), where
    assert passes["/"] == ["http://bf1_web"]
    # The upgrade headers reach daphne (set once for every location).
    server = without_comments(SERVER_CONF)
    assert "proxy_set_header Upgrade $http_upgrade;" in server
    assert "proxy_set_header Connection $bf1_connection_upgrade;" in server


def test_only_the_catch_all_location_uses_the_page_cache():
    blocks = locations(SERVER_CONF)
    cached = [where for where, body in blocks.items() if "proxy_cache " in body]
    assert cached == ["/"]
    assert "proxy_cache_path /var/cache/nginx/bf1_pages" in HTTP_CONF
    body = blocks["/"]
    for directive in ("proxy_cache_bypass", "proxy_no_cache"):
        line = re.search(directive + r"\s+([^;]+);", body).group(1).split()
        assert {"$bf1_cookie_nocache", "$bf1_path_nocache", "$bf1_method_nocache"} <= set(line)
        assert "$http_authorization" in line
    # No default lifetime, no ignored header: only what Django says is public is kept,
    # and never a response that sets a cookie.
    assert "proxy_cache_valid" not in SERVER_CONF + HTTP_CONF
    assert "proxy_ignore_headers" not in SERVER_CONF + HTTP_CONF


@pytest.mark.parametrize(
    "cookie, skipped",
    [
        ("", False),
        ("_ga=GA1.2.3", False),
        (f"{settings.SESSION_COOKIE_NAME}=abc", True),
        (f"_ga=1; {settings.SESSION_COOKIE_NAME}=abc", True),
        (f"{settings.CSRF_COOKIE_NAME}=tok", True),
        (f"theme=dark;{settings.LANGUAGE_COOKIE_NAME}=en", True),
        ("messages=xyz", True),
        (f"my{settings.SESSION_COOKIE_NAME}=abc", False),
    ],
)
def test_cookies_that_bypass_the_cache(cookie, skipped):
    entries = map_block("bf1_cookie_nocache")
    assert entries["default"] == "0"
    matched = any(pattern.search(cookie) for pattern in nginx_regex(entries))
    assert matched is skipped


@pytest.mark.parametrize(
    "uri, skipped",
    [
        ("/", False),
        ("/guides/tarifs/", False),
        ("/admin/", True),
        ("/admin/pages/3/", True),
        ("/diffusion/", True),
        ("/api/simulator/quote/", True),
        ("/administration-guide/", False),
    ],
)
def test_private_paths_bypass_the_cache(uri, skipped):
    entries = map_block("bf1_path_nocache")
    assert entries["default"] == "0"
    assert any(pattern.search(uri) for pattern in nginx_regex(entries)) is skipped


def test_only_get_and_head_may_use_the_cache():
    entries = map_block("bf1_method_nocache")
    assert entries == {"default": "1", "GET": "0", "HEAD": "0"}


def nginx_version() -> tuple[int, ...]:
    out = subprocess.run(["nginx", "-v"], capture_output=True, text=True, timeout=10).stderr
    return tuple(int(part) for part in re.search(r"nginx/([\d.]+)", out).group(1).split("."))


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx not installed")
@pytest.mark.parametrize("main", ["nginx.conf", "nginx-tls.conf"])
def test_nginx_accepts_the_configs(main, tmp_path):
    """`nginx -t` on copies whose paths point into tmp_path (the upstream names
    and the certificate exist only in production)."""
    if main == "nginx-tls.conf" and shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    tmp_path.chmod(0o755)
    (tmp_path / "bf1").mkdir()
    (tmp_path / "cache").mkdir()
    for name in ("http.conf", "server.conf"):
        text = (DEPLOY / "nginx" / name).read_text()
        text = text.replace("web:8000", "127.0.0.1:8000").replace("ws:8000", "127.0.0.1:8001")
        text = text.replace("/var/cache/nginx/", f"{tmp_path}/cache/")
        (tmp_path / "bf1" / name).write_text(text)
    text = (DEPLOY / main).read_text().replace("/etc/nginx/bf1/", f"{tmp_path}/bf1/")
    text = text.replace("/etc/letsencrypt/live/bf1pub/", f"{tmp_path}/")
    if nginx_version() < (1, 25, 1):
        text = text.replace("http2 on;", "")  # the directive of newer nginx (the image's)
    (tmp_path / main).write_text(text)
    if main == "nginx-tls.conf":
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", "/CN=localhost", "-keyout", str(tmp_path / "privkey.pem")]
            + ["-out", str(tmp_path / "fullchain.pem")],
            check=True,
            capture_output=True,
            timeout=60,
        )
    top = tmp_path / "top.conf"
    top.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/{main};\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(top), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


# --- the containers and the services -------------------------------------------------


def compose_service(name: str) -> str:
    text = (ROOT / "docker-compose.yml").read_text()
    match = re.search(rf"^  {name}:\n(.*?)(?=^  \w[\w-]*:\n|^\S)", text, re.M | re.S)
    return match.group(1)


def test_image_serves_http_with_gunicorn_and_compose_runs_daphne_for_websockets():
    dockerfile = without_comments((ROOT / "Dockerfile").read_text())
    cmd = re.findall(r"^CMD (.*)$", dockerfile, re.M)
    gunicorn = '"gunicorn", "-c", "/app/deploy/gunicorn.conf.py", "bf1portal.wsgi:application"'
    assert cmd == [f"[{gunicorn}]"]

    ws = compose_service("ws")
    assert '"daphne"' in ws and "bf1portal.asgi:application" in ws and '"--proxy-headers"' in ws
    web = compose_service("web")
    assert "command:" not in web  # the image's gunicorn
    assert 'FORWARDED_ALLOW_IPS: "*"' in web
    nginx = compose_service("nginx")
    assert "ws:" in nginx and "web:" in nginx  # waits for both
    assert "/var/cache/nginx" in nginx
    assert "gunicorn==" in (ROOT / "requirements.txt").read_text()


def test_systemd_units_run_gunicorn_and_daphne_on_the_upstream_ports():
    web = (DEPLOY / "systemd" / "bf1pub-web.service").read_text()
    ws = (DEPLOY / "systemd" / "bf1pub-ws.service").read_text()
    assert "gunicorn -c /opt/bf1pub/deploy/gunicorn.conf.py bf1portal.wsgi:application" in web
    assert "GUNICORN_BIND=127.0.0.1:8000" in web
    assert "daphne -b 127.0.0.1 -p 8001 --proxy-headers bf1portal.asgi:application" in ws


def test_gunicorn_settings(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    for name in ("DB_POOL_MIN_SIZE", "DB_POOL_MAX_SIZE"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # restored afterwards
        monkeypatch.delenv(name)
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["worker_class"] == "sync"
    assert conf["workers"] == len(os.sched_getaffinity(0))
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["limit_request_line"] == 8190
    assert conf["timeout"] >= 600  # nginx's longest wait (/admin/ uploads)
    assert os.environ["DB_POOL_MAX_SIZE"] == "2"

    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == 5


# --- bf1portal.wsgi -------------------------------------------------------------------


def call(app, path="/", query="", **extra):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **extra,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    answer["body"] = b"".join(app(environ, start_response))
    answer["environ"] = environ
    return answer


@pytest.fixture
def connections_kept():
    """As Django's test client does: a request through the real handler must not
    close the test's database connection when it starts and ends (PostgreSQL
    would lose the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_wsgi_application_serves_the_home_page(connections_kept):
    from bf1portal.wsgi import application

    answer = call(application, "/")

    assert answer["status"] == 200
    assert b"<html" in answer["body"]


def test_wsgi_answers_414_to_an_address_over_8_kb():
    from bf1portal.wsgi import application

    answer = call(application, "/", "utm=" + "z" * 9000)

    assert answer["status"] == 414
    assert "Adresse trop longue" in answer["body"].decode()
    assert answer["headers"]["Cache-Control"] == "no-store"


def seen_address(allow: str | None, peer: str, forwarded: str | None) -> str:
    from bf1portal.wsgi import ProxyHeaders

    def app(environ, start_response):
        start_response("200 OK", [])
        return [environ["REMOTE_ADDR"].encode()]

    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return call(ProxyHeaders(app, allow=allow), **extra)["body"].decode()


@pytest.mark.parametrize(
    "allow, peer, forwarded, expected",
    [
        (None, "127.0.0.1", "196.28.1.9", "196.28.1.9"),  # default: the local proxy
        (None, "10.0.0.7", "196.28.1.9", "10.0.0.7"),  # anyone else cannot choose
        ("*", "172.18.0.5", "196.28.1.9, 6.6.6.6", "196.28.1.9"),  # the container
        ("172.16.0.0/12", "172.18.0.5", "196.28.1.9", "196.28.1.9"),
        ("172.16.0.0/12", "192.168.1.2", "196.28.1.9", "192.168.1.2"),
        ("*", "172.18.0.5", None, "172.18.0.5"),
    ],
)
def test_visitor_address_comes_from_the_trusted_proxy_only(allow, peer, forwarded, expected):
    assert seen_address(allow, peer, forwarded) == expected
