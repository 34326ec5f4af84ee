"""ASGI entry point: HTTP through Django, WebSocket through channels.

WebSocket connections are checked against ALLOWED_HOSTS (origin) and carry the
Django session, so consumers know who is connected."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.production")

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from bf1portal.routing import websocket_urlpatterns  # noqa: E402
from simulator.fastlane import QuoteFastLane  # noqa: E402

application = ProtocolTypeRouter(
    {
        # POST /api/simulator/quote/ skips the middleware stack (simulator/fastlane.py).
        "http": QuoteFastLane(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
