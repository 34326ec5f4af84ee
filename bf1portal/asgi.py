"""ASGI entry point: HTTP through Django, WebSocket through channels.

An HTTP request whose address is too long is answered 414 by
bf1portal.url_guard before Django; at most ASGI_MAX_CONCURRENT_REQUESTS requests
run their view at once (bf1portal.concurrency). WebSocket connections are checked against
ALLOWED_HOSTS (origin) and carry the Django session, so consumers know who is
connected."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.production")

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from bf1portal.concurrency import ConcurrencyLimit  # noqa: E402
from bf1portal.routing import websocket_urlpatterns  # noqa: E402
from bf1portal.url_guard import LongUrlGuard  # noqa: E402
from simulator.fastlane import QuoteFastLane  # noqa: E402

application = ProtocolTypeRouter(
    {
        # An address over 8 KB gets a French 414 before anything else (url_guard.py);
        # then at most ASGI_MAX_CONCURRENT_REQUESTS views run at once (concurrency.py);
        # POST /api/simulator/quote/ skips the middleware stack (simulator/fastlane.py).
        "http": LongUrlGuard(
            ConcurrencyLimit(QuoteFastLane(django_asgi_app), settings.ASGI_MAX_CONCURRENT_REQUESTS)
        ),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
