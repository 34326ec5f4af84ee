"""HEALTHCHECK of the Docker image: GET http://127.0.0.1:8000/healthz.

The request carries a Host taken from ALLOWED_HOSTS (Django answers 400 to any
other host), and exits 0 only on a 200 answer (the database, the cache and the task
broker all respond)."""

import os
import sys
import urllib.error
import urllib.request

PORT = os.environ.get("HEALTHCHECK_PORT", "8000")


def host_header() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")  # ".bf1.bf" allows bf1.bf itself
        if host and host != "*":
            return host
    return "localhost"  # the settings' default ALLOWED_HOSTS, or "*"


def main() -> int:
    request = urllib.request.Request(  # noqa: S310 - fixed local http URL
        f"http://127.0.0.1:{PORT}/healthz",
        headers={"Host": host_header(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
            print(response.read(500).decode("utf-8", "replace"))
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:
        print(f"HTTP {exc.code}: {exc.read(500).decode('utf-8', 'replace')}")
    except OSError as exc:
        print(f"unreachable: {exc}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
