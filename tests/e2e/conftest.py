"""Browser journeys: Playwright (Python) driving Debian's Chromium against
pytest-django's live server.

Locally, the journeys are skipped when Chromium cannot start; under CI=true they
fail instead, so a broken browser setup can never pass silently.

The pages run under their enforced Content-Security-Policy: every browser context
the session's Chromium opens reports each violation (and each error of Alpine's
CSP build), and a journey that met one fails (tests/e2e/csp_watch.py)."""

import os
import shutil
import tempfile

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from tests.e2e.csp_watch import CSP_WATCH, WatchedBrowser

# Playwright's sync API runs an event loop in the main thread; the test body
# still needs the ORM (to read the outbox, create users).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"Browser journeys cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _is_journey(item) -> bool:
    return "tests/e2e/" in str(item.fspath).replace(os.sep, "/")


def pytest_collection_modifyitems(config, items):
    """Mark the journeys and run them last: the session-wide browser keeps
    Playwright's event loop running in the main thread, which async-to-sync code
    of later tests (WebSocket checks) cannot share, and the journeys (live server,
    transactional) flush the database that the next non-transactional test would
    find empty. Under xdist they all run on one worker (group "e2e", `--dist
    loadgroup`), as the last unit of work handed out (`--no-loadscope-reorder`
    keeps the collection order): that worker then runs nothing after them."""
    journeys = [item for item in items if _is_journey(item)]
    for item in journeys:
        item.add_marker(pytest.mark.e2e)
        item.add_marker(pytest.mark.xdist_group("e2e"))
    items[:] = [item for item in items if not _is_journey(item)] + journeys


@pytest.fixture(scope="session")
def browser(django_db_setup):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    # The migrations' rows that `serialized_rollback` restores before each test
    # live on the connection object of the thread that created the test
    # database; once Playwright's sync API runs, the tests see another connection
    # object, so they are handed over (else a journey after another app's
    # transactional test would start from an empty database).
    migrated_rows = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    playwright = sync_playwright().start()
    connection = connections[DEFAULT_DB_ALIAS]
    if migrated_rows is not None and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated_rows
    profile = tempfile.mkdtemp(prefix="bf1-e2e-")
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as exc:  # noqa: BLE001 - any launch failure means no browser
        playwright.stop()
        _unavailable(f"Chromium failed to start: {exc}")
    yield WatchedBrowser(browser, CSP_WATCH)
    browser.close()
    playwright.stop()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(autouse=True)
def no_csp_violation():
    """Fails the journey if a page broke its Content-Security-Policy (or Alpine's
    CSP build refused an expression) in any browser context it opened."""
    CSP_WATCH.take()
    yield
    problems = CSP_WATCH.take()
    if problems:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(f"- {p}" for p in problems),
            pytrace=False,
        )


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, one request at a time, and no request
    while a test's database is reset (tests/e2e/one_request.py)."""
    from tests.e2e.one_request import serialize

    serialize(live_server)
    return live_server


@pytest.fixture(scope="session")
def asgi_server(django_db_setup):
    """daphne serving the project's ASGI application (HTTP and WebSocket) in a
    thread, for the journeys that need live updates (tests/e2e/asgi_server.py).
    Started once, on first use."""
    from tests.e2e.asgi_server import AsgiLiveServer, make_application
    from tests.e2e.one_request import guard_database_resets

    guard_database_resets()
    server = AsgiLiveServer(make_application()).start()
    yield server
    server.stop()


@pytest.fixture
def asgi_live_server(asgi_server, transactional_db):
    """The ASGI server, seeing this test's database (an in-memory SQLite
    connection is shared with its threads for the length of the test)."""
    from tests.e2e.asgi_server import shared_connections

    with shared_connections():
        yield asgi_server
