"""The commercial team sets or confirms an advertiser's category (the cultural
organisation that the cultural rate is reserved for), or refuses a pending
request with its reason: one page per advertiser, reached from the
"Advertisers" list. The decision goes through `accounts.services.set_category`,
which records who and when and notifies the advertiser."""

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

from core.errors import add_domain_errors
from core.forms import SingleLineFieldsMixin

from ..exceptions import AccountError
from ..models import Advertiser, AdvertiserCategory
from ..services import set_category

CATEGORY_URL_NAME = "advertisers:category"


def category_url(advertiser: Advertiser) -> str:
    return reverse(CATEGORY_URL_NAME, args=[advertiser.pk])


class CategoryForm(SingleLineFieldsMixin, forms.Form):
    category = forms.ChoiceField(
        label=gettext_lazy("Advertiser category"), choices=AdvertiserCategory.choices
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the advertiser"),
        help_text=gettext_lazy("Required to refuse a request: it is sent to the advertiser."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class AdvertiserCategoryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_policy = None
    permission_required = "change"
    template_name = "accounts/admin/category.html"
    form_class = CategoryForm
    page_title = gettext_lazy("Advertiser category")
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(Advertiser, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_initial(self):
        return {"category": self.object.requested_category or self.object.category}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            advertiser=self.object,
            action_url=self.request.path,
            cancel_url=reverse("advertisers:index"),
        )
        return context

    def form_valid(self, form):
        try:
            set_category(
                advertiser=self.object,
                category=form.cleaned_data["category"],
                actor=self.request.user,
                note=form.cleaned_data["note"],
            )
        except AccountError as error:
            add_domain_errors(form, error)
            if "note" not in form.errors:
                form.add_error("note", error.message)
            return self.form_invalid(form)
        self.object.refresh_from_db()
        messages.success(
            self.request,
            _("The category of “%(name)s” is now “%(category)s”.")
            % {"name": self.object.name, "category": self.object.get_category_display()},
        )
        return redirect("advertisers:index")
