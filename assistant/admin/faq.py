"""`/admin/assistant/faq/` and `/admin/assistant/synonyms/`: the FAQ entries (drafts,
revisions, publishing) and the synonyms editors add to the built-in list.
`?question=...` on the FAQ's "add" screen pre-fills the question (the button of
"Questions sans réponse utile")."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from ..models import FaqEntry, SynonymGroup
from .common import FAQ_ROLES, FaqMenuItem, RolesPolicy

QUESTION_MAX = FaqEntry._meta.get_field("question").max_length
KEY_MAX = FaqEntry._meta.get_field("key").max_length


class FaqCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        question = " ".join(self.request.GET.get("question", "").split())[:QUESTION_MAX]
        if self.request.method == "GET" and question:
            instance = instance or self.model()
            instance.question = question
            instance.variants = question
            instance.key = slugify(question)[:KEY_MAX].strip("-")
        return instance


class FaqEntryViewSet(SnippetViewSet):
    model = FaqEntry
    icon = "help"
    menu_label = _("FAQ")
    menu_name = "assistant-faq"
    menu_order = 100
    url_prefix = "assistant/faq"
    admin_url_namespace = "assistant_faq"
    menu_item_class = FaqMenuItem
    menu_item_is_registered = True
    add_view_class = FaqCreateView
    list_display = ["question", "category", "key", LiveStatusTagColumn()]
    list_filter = ["category", "live"]
    search_fields = ["question", "variants", "key"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    panels = [
        FieldPanel("question"),
        FieldPanel("key"),
        FieldPanel("category"),
        FieldPanel("variants"),
        FieldPanel("answer"),
        FieldPanel("links"),
    ]

    @cached_property
    def permission_policy(self):
        return RolesPolicy(self.model, roles=FAQ_ROLES)


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonyms")
    menu_name = "assistant-synonyms"
    menu_order = 200
    url_prefix = "assistant/synonyms"
    admin_url_namespace = "assistant_synonyms"
    menu_item_class = FaqMenuItem
    menu_item_is_registered = True
    list_display = ["terms"]
    search_fields = ["terms"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50

    @cached_property
    def permission_policy(self):
        return RolesPolicy(self.model, roles=FAQ_ROLES)
