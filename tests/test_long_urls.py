"""An address over 8 KB gets a short French 414 page from the ASGI guard that
wraps Django (bf1portal.url_guard), instead of reaching the URL resolver or being
dropped (issue 12). nginx gives the same answer above 8 KB
(deploy/nginx/server.conf)."""

from __future__ import annotations

from pathlib import Path

from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator

from bf1portal.url_guard import MAX_URL_BYTES, LongUrlGuard, url_length

ROOT = Path(__file__).resolve().parent.parent


class RecordingApp:
    """Stands for Django: records the paths it was asked for."""

    def __init__(self):
        self.paths = []

    async def __call__(self, scope, receive, send):
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"django"})


def ask(app, path: str, query: bytes = b"", method: str = "GET"):
    communicator = HttpCommunicator(app, method, path, headers=[(b"host", b"testserver")])
    communicator.scope["query_string"] = query
    communicator.scope["raw_path"] = path.encode()
    return async_to_sync(communicator.get_response)()


def test_a_12_kb_query_string_gets_a_french_414_and_never_reaches_django():
    inner = RecordingApp()

    response = ask(LongUrlGuard(inner), "/simulateur/", b"q=" + b"x" * 12_000)

    assert response["status"] == 414
    headers = dict(response["headers"])
    assert headers[b"content-type"] == b"text/html; charset=utf-8"
    assert int(headers[b"content-length"]) == len(response["body"])
    page = response["body"].decode()
    assert "Adresse trop longue" in page
    assert '<html lang="fr">' in page
    assert inner.paths == []


def test_a_long_path_gets_414_too():
    inner = RecordingApp()

    response = ask(LongUrlGuard(inner), "/" + "a" * 9000 + "/")

    assert response["status"] == 414
    assert inner.paths == []


def test_a_long_post_gets_414():
    response = ask(LongUrlGuard(RecordingApp()), "/contact/", b"a=" * 5000, method="POST")

    assert response["status"] == 414


def test_addresses_up_to_the_limit_pass_through_unchanged():
    inner = RecordingApp()
    query = b"q=" + b"x" * (MAX_URL_BYTES - len("/simulateur/") - 3)
    assert url_length({"raw_path": b"/simulateur/", "query_string": query}) == MAX_URL_BYTES

    response = ask(LongUrlGuard(inner), "/simulateur/", query)

    assert response["status"] == 200
    assert response["body"] == b"django"
    assert inner.paths == ["/simulateur/"]


def test_without_raw_path_the_decoded_path_is_measured():
    scope = {"type": "http", "path": "/é" * 10, "query_string": b"a=1"}

    assert url_length(scope) == len("/é".encode()) * 10 + len("?a=1")


def test_websocket_connections_are_not_touched():
    calls = []

    async def inner(scope, receive, send):
        calls.append(scope["type"])

    async_to_sync(LongUrlGuard(inner))(
        {"type": "websocket", "path": "/ws/" + "x" * 20_000, "query_string": b""}, None, None
    )

    assert calls == ["websocket"]


def test_the_site_application_is_wrapped_by_the_guard():
    """bf1portal.asgi (the app daphne serves) answers a 12 KB address itself."""
    from bf1portal.asgi import application

    response = ask(application, "/", b"utm=" + b"z" * 12 * 1024)

    assert response["status"] == 414
    assert "Adresse trop longue" in response["body"].decode()


def test_nginx_refuses_request_lines_over_8_kb():
    server = (ROOT / "deploy" / "nginx" / "server.conf").read_text()

    assert "large_client_header_buffers 4 8k;" in server
