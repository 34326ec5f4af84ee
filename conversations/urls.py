"""The conversations of the signed-in user, mounted at /messages/ (namespace
"conversations")."""

from django.urls import path

from . import live_views, views

app_name = "conversations"

urlpatterns = [
    path("", views.thread_list, name="list"),
    path("new/", views.thread_new, name="new"),
    path("<int:pk>/", views.thread_detail, name="thread"),
    path("<int:pk>/close/", views.thread_close, name="close"),
    path("<int:pk>/new/", live_views.new_messages, name="new_messages"),
    path("<int:pk>/messages/<int:message_pk>/edit/", views.message_edit, name="edit"),
]
