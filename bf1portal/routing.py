"""WebSocket routes of every app, gathered in one list."""

from broadcasting.routing import websocket_urlpatterns as broadcasting_routes
from campaigns.routing import websocket_urlpatterns as campaign_routes
from conversations.routing import websocket_urlpatterns as conversation_routes
from notifications.routing import websocket_urlpatterns as notification_routes
from reports.routing import websocket_urlpatterns as report_routes

websocket_urlpatterns = [
    *notification_routes,
    *conversation_routes,
    *campaign_routes,
    *broadcasting_routes,
    *report_routes,
]
