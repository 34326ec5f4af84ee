"""Admin views of the "Campaigns" menu that are not plain listings: the
decisions of the commercial team (approve, refuse, return for corrections,
start production, review a spot, bulk approve), the upload of the spot the team
made for a creation request, and the pending counts polled by the dashboard
panels.

Each decision confirms on a GET page with its form and acts on POST only,
through `campaigns.services`; a `CampaignError` is shown as an error message and
changes nothing. The permission policy of the viewset decides who may open them."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from accounts.permissions import is_campaign_staff

from . import media_checks, selectors, services
from .exceptions import CampaignError
from .models import Campaign, ReviewState, Spot, Status
from .models.spot import REPLACEABLE_STATES
from .spot_storage import store_spot

INSPECT_URL_NAME = "campaign_review:inspect"


def inspect_url(campaign_id) -> str:
    return reverse(INSPECT_URL_NAME, args=[quote(campaign_id)])


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


class _LoadObjectMixin:
    """Loads the object after the permission check (so an unknown id never
    tells a user without the permission that it does not exist)."""

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class _DecisionView(PermissionCheckedMixin, _LoadObjectMixin, WagtailAdminTemplateMixin, FormView):
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


class ApproveCampaignView(_DecisionView):
    page_title = gettext_lazy("Approve the campaign")
    question = gettext_lazy("Approve this campaign? The client is notified.")
    submit_label = gettext_lazy("Yes, approve")

    def act(self, note):
        services.approve(campaign=self.object, actor=self.request.user, note=note)

    def success_message(self):
        return _("The campaign “%(title)s” is approved.") % {"title": self.object.title}


class RefuseCampaignView(_DecisionView):
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


class RequestChangesView(_DecisionView):
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


class StartProductionView(_DecisionView):
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


class _SpotDecisionView(_DecisionView):
    model = Spot

    def get_queryset(self):
        return Spot.objects.select_related("campaign", "advertiser", "media", "image")

    def campaign(self):
        return self.object.campaign


class ApproveSpotView(_SpotDecisionView):
    page_title = gettext_lazy("Approve the spot")
    question = gettext_lazy("Approve this spot? The client is notified.")
    submit_label = gettext_lazy("Yes, approve the spot")

    def act(self, note):
        services.review_spot(spot=self.object, actor=self.request.user, approve=True, reason=note)

    def success_message(self):
        return _("The spot “%(spot)s” is approved.") % {"spot": self.object}


class RefuseSpotView(_SpotDecisionView):
    page_title = gettext_lazy("Refuse the spot")
    question = gettext_lazy("Refuse this spot? The client can upload a new version.")
    submit_label = gettext_lazy("Yes, refuse the spot")
    note_required = True
    note_label = gettext_lazy("Reason for refusing the spot")
    header_icon = "cross"

    def act(self, note):
        services.review_spot(spot=self.object, actor=self.request.user, approve=False, reason=note)

    def success_message(self):
        return _("The spot “%(spot)s” is refused.") % {"spot": self.object}


# --- The made spot of a creation request --------------------------------------------


def streamed_upload(view):
    """Let `view` receive its files on disk (Django's `TemporaryUploadedFile`),
    never in memory: the upload handlers must be set before anything reads the
    request body, and the CSRF check reads it, so that check runs inside."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


@contextlib.contextmanager
def _on_disk(upload):
    """The path of the uploaded file on disk (a copy only when it is not there yet)."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(suffix=".upload") as copy:
        upload.seek(0)
        shutil.copyfileobj(upload, copy, length=1024 * 1024)
        copy.flush()
        yield copy.name


class MadeSpotForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spot file"),
        help_text=gettext_lazy(
            "A video (MP4 or MOV) or an image (JPEG, PNG or WebP), checked like the "
            "client's uploads."
        ),
    )
    replaces = forms.ModelChoiceField(
        label=gettext_lazy("New version of"),
        queryset=Spot.objects.none(),
        required=False,
        empty_label=gettext_lazy("— none: a new spot —"),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["replaces"]
        field.queryset = campaign.spots.filter(review_state__in=REPLACEABLE_STATES).order_by(
            "-created_at", "-pk"
        )
        field.label_from_instance = lambda spot: (
            f"{spot} — {spot.get_review_state_display()}"
            + (f" : {spot.review_reason}" if spot.review_reason else "")
        )


class UploadMadeSpotView(
    PermissionCheckedMixin, _LoadObjectMixin, WagtailAdminTemplateMixin, FormView
):
    """The team uploads the spot it made for a creation request in production (a
    new version of one the client asked to change, or a first one). The file is
    checked like the client's uploads; a refused file leaves nothing behind. The
    client is then asked to approve it."""

    model = Campaign
    permission_policy = None
    permission_required = "change"
    template_name = "campaigns/admin/upload_made_spot.html"
    form_class = MadeSpotForm
    page_title = gettext_lazy("Upload the made spot")
    header_icon = "media"

    def get_queryset(self):
        return Campaign.objects.select_related("advertiser")

    def get(self, request, *args, **kwargs):
        try:
            services.check_made_spot_upload(campaign=self.object, user=request.user)
        except CampaignError as error:
            messages.error(request, error.message)
            return redirect(inspect_url(self.object.pk))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["campaign"] = self.object
        return kwargs

    def get_initial(self):
        latest = (
            self.object.spots.filter(review_state=ReviewState.CLIENT_CHANGES)
            .order_by("-created_at", "-pk")
            .first()
        )
        wanted = self.request.GET.get("replaces", "")
        if wanted.isdigit():
            return {"replaces": int(wanted)}
        return {"replaces": latest.pk if latest else None}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaign_review:index"), "label": _("To review")},
            {"url": inspect_url(self.object.pk), "label": str(self.object)},
            {"url": "", "label": str(self.page_title)},
        ]

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.object,
            action_url=self.request.path,
            cancel_url=inspect_url(self.object.pk),
            video_max_mb=settings.SPOT_VIDEO_MAX_BYTES // 1_000_000,
            image_max_mb=settings.SPOT_IMAGE_MAX_BYTES // 1_000_000,
        )
        return context

    def form_valid(self, form):
        campaign = self.object
        upload = form.cleaned_data["file"]
        replaces = form.cleaned_data["replaces"]
        try:
            services.check_made_spot_upload(
                campaign=campaign, user=self.request.user, replaces=replaces
            )
            with _on_disk(upload) as path:
                report = media_checks.inspect_spot(
                    path,
                    declared_length=campaign.spot_length,
                    max_video_size=settings.SPOT_VIDEO_MAX_BYTES,
                    max_image_size=settings.SPOT_IMAGE_MAX_BYTES,
                )
                if not report.ok:
                    for message in report.errors:
                        form.add_error("file", message)
                    return self.form_invalid(form)
                spot = store_spot(
                    campaign=campaign,
                    user=self.request.user,
                    path=path,
                    filename=upload.name,
                    report=report,
                    replaces=replaces,
                )
        except CampaignError as error:
            form.add_error("replaces" if "replaces" in error.field_errors else None, error.message)
            return self.form_invalid(form)
        finally:
            upload.close()
        messages.success(
            self.request,
            _("The spot “%(spot)s” was uploaded: the client is asked to approve it.")
            % {"spot": spot},
        )
        for warning in report.warnings:
            messages.warning(self.request, warning)
        return redirect(inspect_url(campaign.pk))


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
        return {"campaigns": [i for i in ids if i.isdigit()]}

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


@never_cache
@require_GET
def pending_counts(request):
    """The dashboard panels' counts, polled every 30 s (staff only)."""
    if not is_campaign_staff(request.user):
        return JsonResponse({"detail": "forbidden"}, status=403)
    return JsonResponse(selectors.pending_counts())
