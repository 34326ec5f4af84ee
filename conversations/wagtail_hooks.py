"""Wagtail admin of the conversations: the "Messages" menu (the staff who see
threads: administrators, editorial managers, accountants, broadcasters with
access to the admin) with the inbox, a new message to an advertiser and the
canned replies (administrators), one `ViewSetGroup`; the "Messages en attente"
panel of the admin's home page. The screens live in `conversations.admin`."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import inbox, new, thread
from .admin.canned import CannedReplyViewSet
from .admin.common import NAMESPACE, MessagesScreenViewSet
from .admin.dashboard import add_waiting_panel


class InboxViewSet(MessagesScreenViewSet):
    """`/admin/messages/` and each thread's page and moves (`conversations_admin:*`)."""

    name = NAMESPACE
    url_prefix = "messages"
    menu_label = _("Inbox")
    menu_order = 100

    def get_urlpatterns(self):
        return [
            path("", inbox.InboxView.as_view(), name="inbox"),
            path("new/", new.NewThreadView.as_view(), name="new"),
            path("<int:pk>/", thread.ThreadView.as_view(), name="thread"),
            path("<int:pk>/reply/", thread.ReplyView.as_view(), name="reply"),
            path("<int:pk>/assign/", thread.AssignView.as_view(), name="assign"),
            path("<int:pk>/close/", thread.CloseView.as_view(), name="close"),
            path("<int:pk>/share/", thread.ShareView.as_view(), name="share"),
            path(
                "<int:pk>/messages/<int:message_pk>/hide/",
                thread.HideView.as_view(),
                name="hide",
            ),
        ]

    @property
    def menu_url(self):
        return reverse(f"{NAMESPACE}:inbox")


class NewMessageViewSet(MessagesScreenViewSet):
    """The menu entry of `/admin/messages/new/` (its URL is the inbox viewset's)."""

    name = "conversations_new"
    menu_label = _("New message")
    menu_order = 200
    icon = "plus"

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse(f"{NAMESPACE}:new")


class MessagesViewSetGroup(ViewSetGroup):
    """The "Messages" menu; each entry shows itself to whom it serves."""

    menu_label = _("Messages")
    menu_name = "messages"
    menu_icon = "mail"
    menu_order = 150
    items = (InboxViewSet, NewMessageViewSet, CannedReplyViewSet)

    def get_submenu_items(self):
        return [registerable.get_menu_item() for registerable in self.registerables]


@hooks.register("register_admin_viewset")
def register_messages():
    return MessagesViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_messages_panel(request, panels):
    add_waiting_panel(request, panels)
