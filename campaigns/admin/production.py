"""The made spot of a creation request: the team uploads it (streamed to disk,
checked like the client's uploads), then the client is asked to approve it."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from functools import wraps

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from core.numbers import is_id

from .. import media_checks, services
from ..exceptions import CampaignError
from ..models import Campaign, ReviewState, Spot
from ..models.spot import REPLACEABLE_STATES
from ..spot_storage import store_spot
from .base import LoadObjectMixin
from .links import inspect_url


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
    PermissionCheckedMixin, LoadObjectMixin, WagtailAdminTemplateMixin, FormView
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
        if is_id(wanted):
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
