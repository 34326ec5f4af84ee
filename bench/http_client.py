"""A small HTTP client for the benches that drive the real server: one keep-alive
connection to 127.0.0.1 that keeps its cookies, signs in through the login form
and calls the JSON endpoints with the CSRF token, as the pages' scripts do."""

from __future__ import annotations

import http.client
import json
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.quote_api import HOST

REQUEST_TIMEOUT = 600  # finishing an upload runs the media checks on the whole file


class Browser:
    """One keep-alive connection to the server, keeping its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def close(self) -> None:
        self.conn.close()

    def request(self, method: str, path: str, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the keep-alive connection: once more on a new one.
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        payload = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response, payload

    def csrf_token(self, path: str) -> str:
        status, _response, payload = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', payload)
        if not found:
            raise RuntimeError(f"no CSRF token on {path}")
        return found.group(1).decode()

    def login(self, email: str, password: str) -> None:
        token = self.csrf_token("/login/")
        form = urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token})
        status, response, payload = self.request(
            "POST",
            "/login/",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed ({status}): {payload[:300]!r}")

    def api(self, method: str, path: str, token: str, data=None, content_type=None):
        headers = {"X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest"}
        body = data
        if isinstance(data, dict):
            body = json.dumps(data).encode()
            content_type = "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        status, _response, payload = self.request(method, path, body=body, headers=headers)
        try:
            answer = json.loads(payload)
        except ValueError:
            answer = {"raw": payload[:300].decode(errors="replace")}
        return status, answer
