"""/aide/ (namespace "assistant"): the help page and the widget's JSON endpoints."""

from django.urls import path

from .views import api, page

app_name = "assistant"

urlpatterns = [
    path("", page.help_page, name="help"),
    path("avis/", page.feedback, name="feedback"),
    path("equipe/", page.hand_off_view, name="hand_off"),
    path("api/question/", api.question, name="api_question"),
    path("api/feedback/", api.feedback, name="api_feedback"),
    path("api/hand-off/", api.hand_off_api, name="api_hand_off"),
]
