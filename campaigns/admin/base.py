"""What the campaign screens share: the read-only viewset set-up, and the decision
view (a confirmation page on GET, the decision on POST only, through
`campaigns.services`; a `CampaignError` is shown as an error message and changes
nothing). The permission policy of the viewset decides who may open them."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..exceptions import CampaignError
from ..models import Campaign
from .links import inspect_url


class ReadOnlyViewSetMixin:
    """A ModelViewSet whose objects are never added, edited or deleted here (the
    decisions are separate views)."""

    hidden_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in (*self.hidden_url_names, "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note for the client"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, note_required=False, note_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required
        if note_label:
            self.fields["note"].label = note_label


class LoadObjectMixin:
    """Loads the object after the permission check (so an unknown id never
    tells a user without the permission that it does not exist)."""

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class DecisionView(PermissionCheckedMixin, LoadObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Confirmation page (GET) and decision (POST) on one object."""

    model = Campaign
    permission_policy = None
    permission_required = "change"
    template_name = "campaigns/admin/confirm_action.html"
    form_class = NoteForm
    note_required = False
    note_label = None
    header_icon = "check"
    question = ""
    submit_label = gettext_lazy("Confirm")

    def get_queryset(self):
        return self.model.objects.select_related("advertiser")

    def campaign(self) -> Campaign:
        return self.object

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(note_required=self.note_required, note_label=self.note_label)
        return kwargs

    def get_breadcrumbs_items(self):
        campaign = self.campaign()
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaign_review:index"), "label": _("To review")},
            {"url": inspect_url(campaign.pk), "label": str(campaign)},
            {"url": "", "label": str(self.page_title)},
        ]

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            campaign=self.campaign(),
            question=self.question,
            submit_label=self.submit_label,
            action_url=self.request.path,
            cancel_url=inspect_url(self.campaign().pk),
        )
        return context

    def act(self, note: str):  # pragma: no cover - overridden
        raise NotImplementedError

    def success_message(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data["note"].strip())
        except CampaignError as error:
            for field, field_messages in error.field_errors.items():
                if field in ("note", "reason"):
                    for message in field_messages:
                        form.add_error("note", message)
            messages.error(self.request, error.message)
            if form.errors:
                return self.form_invalid(form)
            return redirect(inspect_url(self.campaign().pk))
        messages.success(self.request, self.success_message())
        return redirect(inspect_url(self.campaign().pk))
