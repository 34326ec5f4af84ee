"""What the screens of the admin "Facturation" menu share: who may open them
(the commercial administrators and the accountants with access to the admin),
their menu entries, the base of their views, pagination and the private files
served to the billing staff.

Each action acts on POST only, through `billing.services`; a `BillingError`
is shown with its French message and changes nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from accounts.permissions import admin_staff
from accounts.roles import Role

from ..exceptions import BillingError

PER_PAGE = 50
MENU_ICON = "doc-full"


def is_billing_staff(user) -> bool:
    """The commercial administrators and the accountants (superusers included)
    with access to the Wagtail admin: the one gate of the "Facturation" menu."""
    return admin_staff(user, Role.ADMINISTRATOR, Role.ACCOUNTANT)


def check_billing_staff(request) -> None:
    if not is_billing_staff(request.user):
        raise PermissionDenied


def refuse(request, form, error: BillingError) -> None:
    """A refused action: the service's French message at the top of the page,
    its field errors beside the fields of `form` that has them."""
    messages.error(request, error.message)
    for key, field_messages in getattr(error, "field_errors", {}).items():
        name = key.split(".", 1)[0]
        if name in form.fields:
            for message in field_messages:
                if message not in form.errors.get(name, []):
                    form.add_error(name, message)


class BillingMenuItem(MenuItem):
    """An entry of the "Facturation" menu: shown to the billing staff only."""

    def is_shown(self, request):
        return is_billing_staff(request.user)


class BillingScreenViewSet(ViewSet):
    """A screen of the menu (its own URL namespace under /admin/billing/)."""

    icon = MENU_ICON
    menu_item_class = BillingMenuItem


def paginate(request, queryset, *, param: str = "p"):
    """The page of `queryset` asked for by `?p=` (50 rows; a bad page number is the last)."""
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get(param))


class BillingView(WagtailAdminTemplateMixin, TemplateView):
    """A page of the menu: the billing staff only (a 403 for anyone else), the
    permission checked before any object is looked up."""

    header_icon = MENU_ICON
    index_url_name = ""
    index_label = ""

    def dispatch(self, request, *args, **kwargs):
        check_billing_staff(request)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs) -> None:
        """Look up the object of the URL (after the permission check)."""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": str(self.index_label)})
        items.append({"url": "", "label": str(self.get_page_title())})
        return items


class ActionView(View):
    """A POST-only action on one object: `act()` calls a service and returns the
    success message; its `BillingError` becomes an error message, nothing changed."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        check_billing_staff(request)
        self.object = self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):  # pragma: no cover - overridden
        raise NotImplementedError

    def act(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def success_url(self, result) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def failure_url(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message, result = self.act()
        except BillingError as error:
            messages.error(request, error.message)
            return redirect(self.failure_url())
        if message:
            messages.success(request, message)
        return redirect(self.success_url(result))


class DetailFormsMixin:
    """A detail page whose forms post to their own action URL. A form action
    view subclasses the page: on a refused action the page is shown again with
    that form bound, its errors (the service's French message) on it."""

    bound_forms: dict = {}

    def make_form(self, name: str, form_class, **kwargs):
        bound = self.bound_forms.get(name)
        return bound if bound is not None else form_class(**kwargs)


class FormActionMixin:
    """POST only: validate `form_class`, `act(form)` through a service, then
    back to the detail page with the success message; else the page again."""

    http_method_names = ["post"]
    form_name = ""
    form_class = None

    def get_form_kwargs(self) -> dict:
        return {}

    def act(self, form) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def done_url(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs())
        if form.is_valid():
            try:
                message = self.act(form)
            except BillingError as error:
                refuse(request, form, error)
            else:
                if message:
                    messages.success(request, message)
                return redirect(self.done_url())
        self.bound_forms = {self.form_name: form}
        return self.render_to_response(self.get_context_data())
