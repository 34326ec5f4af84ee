"""The commercial team's decisions on a campaign: approve, refuse, return for
corrections, start production (a creation request), and approve several at once."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from core.numbers import is_id

from .. import services
from ..models import Campaign, Status
from .base import DecisionView


class ApproveCampaignView(DecisionView):
    page_title = gettext_lazy("Approve the campaign")
    question = gettext_lazy("Approve this campaign? The client is notified.")
    submit_label = gettext_lazy("Yes, approve")

    def act(self, note):
        services.approve(campaign=self.object, actor=self.request.user, note=note)

    def success_message(self):
        return _("The campaign “%(title)s” is approved.") % {"title": self.object.title}


class RefuseCampaignView(DecisionView):
    page_title = gettext_lazy("Refuse the campaign")
    question = gettext_lazy("Refuse this campaign? The reason is sent to the client.")
    submit_label = gettext_lazy("Yes, refuse")
    note_required = True
    note_label = gettext_lazy("Reason for the refusal")
    header_icon = "cross"

    def act(self, note):
        services.refuse(campaign=self.object, actor=self.request.user, note=note)

    def success_message(self):
        return _("The campaign “%(title)s” is refused.") % {"title": self.object.title}


class RequestChangesView(DecisionView):
    page_title = gettext_lazy("Return for corrections")
    question = gettext_lazy("Return this campaign to the client for corrections?")
    submit_label = gettext_lazy("Yes, return it")
    note_required = True
    note_label = gettext_lazy("What the client must correct")
    header_icon = "undo"

    def act(self, note):
        services.request_changes(campaign=self.object, actor=self.request.user, note=note)

    def success_message(self):
        return _("The campaign “%(title)s” was returned to the client for corrections.") % {
            "title": self.object.title
        }


class StartProductionView(DecisionView):
    page_title = gettext_lazy("Start production")
    question = gettext_lazy(
        "Put this creation request into production? The team then uploads the made spot."
    )
    submit_label = gettext_lazy("Yes, start production")
    header_icon = "media"

    def act(self, note):
        services.start_production(campaign=self.object, actor=self.request.user, note=note)

    def success_message(self):
        return _("The campaign “%(title)s” is in production.") % {"title": self.object.title}


class BulkApproveForm(forms.Form):
    campaigns = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Campaigns"),
        queryset=Campaign.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["campaigns"]
        field.queryset = Campaign.objects.filter(
            status__in=(Status.SUBMITTED, Status.IN_PRODUCTION)
        ).select_related("advertiser")
        field.label_from_instance = lambda c: f"{c.title} — {c.advertiser.name}"


class BulkApproveView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Tick the campaigns to approve; each one that cannot be approved is
    skipped and listed with its reason."""

    permission_policy = None
    permission_required = "change"
    template_name = "campaigns/admin/bulk_approve.html"
    form_class = BulkApproveForm
    page_title = gettext_lazy("Bulk approve")
    header_icon = "check"

    def get_initial(self):
        ids = self.request.GET.getlist("id")
        return {"campaigns": [i for i in ids if is_id(i)]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_url=self.request.path, cancel_url=reverse("campaign_review:index"))
        return context

    def form_valid(self, form):
        selected = list(form.cleaned_data["campaigns"].order_by("submitted_at", "pk"))
        approved, skipped = services.bulk_approve(campaigns=selected, actor=self.request.user)
        if approved:
            messages.success(
                self.request,
                _("%(count)s campaign(s) approved: %(titles)s.")
                % {"count": len(approved), "titles": ", ".join(c.title for c in approved)},
            )
        titles = {c.pk: c.title for c in selected}
        for pk, reason in skipped.items():
            messages.warning(
                self.request,
                _("Skipped “%(title)s”: %(reason)s")
                % {"title": titles.get(pk, pk), "reason": reason},
            )
        return redirect("campaign_review:index")
