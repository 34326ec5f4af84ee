from django.urls import path

from .consumers import PlanningConsumer

websocket_urlpatterns = [
    path("ws/diffusion/planning/", PlanningConsumer.as_asgi()),
]
