from django.urls import path

from .consumers import ThreadConsumer, UnreadThreadsConsumer

websocket_urlpatterns = [
    path("ws/messages/", UnreadThreadsConsumer.as_asgi()),
    path("ws/messages/<int:thread_id>/", ThreadConsumer.as_asgi()),
]
