from django.urls import path

from .consumers import PendingCountsConsumer

websocket_urlpatterns = [
    path("ws/admin/pending-counts/", PendingCountsConsumer.as_asgi()),
]
