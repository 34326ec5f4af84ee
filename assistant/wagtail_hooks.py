"""Wagtail admin of the assistant: the "Assistant" menu (one ViewSetGroup) with
the FAQ entries and the synonyms (editorial managers and commercial
administrators) and "Questions sans réponse utile" (administrators). The
screens live in `assistant.admin`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin.faq import FaqEntryViewSet, SynonymGroupViewSet
from .admin.unanswered import UnansweredViewSet


class AssistantViewSetGroup(ViewSetGroup):
    menu_label = _("Assistant")
    menu_name = "assistant"
    menu_icon = "help"
    menu_order = 160
    items = (FaqEntryViewSet, SynonymGroupViewSet, UnansweredViewSet)

    def get_submenu_items(self):
        return [registerable.get_menu_item() for registerable in self.registerables]


@hooks.register("register_admin_viewset")
def register_assistant():
    return AssistantViewSetGroup()
