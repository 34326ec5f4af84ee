from django.urls import path

from .consumers import ExportJobConsumer

websocket_urlpatterns = [
    path("ws/reports/jobs/<uuid:uuid>/", ExportJobConsumer.as_asgi()),
]
