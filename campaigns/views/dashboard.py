from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from accounts.models import Advertiser
from accounts.permissions import role_required
from accounts.roles import Role

from .. import selectors
from ..forms import CampaignFilterForm
from . import listing_markup

PAGE_SIZE = 20
FILTER_KEYS = ("q", "status", "start", "end")
# The empty filter form's fields, rendered once per language and list: the
# widgets' templates cost more than the rest of the list.
_EMPTY_FILTERS: dict[tuple[str, bool], str] = {}


def _filter_fields(form, *, archived: bool) -> str:
    def render_fields() -> str:
        return render_to_string("campaigns/_filter_fields.html", {"filter_form": form})

    if form.is_bound:
        return render_fields()
    key = (get_language() or "", archived)
    if key not in _EMPTY_FILTERS:
        _EMPTY_FILTERS[key] = render_fields()
    return _EMPTY_FILTERS[key]


@require_GET
@role_required(Role.ADVERTISER)
def dashboard(request):
    """The advertiser's home: account state, then the company's campaigns
    (current ones, or the archive with `?archive=1`) with filters."""
    user = request.user
    # The company with its sector (shown in the "My company" card): one query.
    advertiser = Advertiser.objects.select_related("sector").filter(pk=user.advertiser_id).first()
    archived = request.GET.get("archive") == "1"
    filtering = any(key in request.GET for key in FILTER_KEYS)
    form = CampaignFilterForm(request.GET if filtering else None, archived=archived)
    filters = form.cleaned_data if form.is_valid() else {}
    campaigns = selectors.campaigns_for_advertiser(
        advertiser,
        status=filters.get("status") or None,
        search=filters.get("q") or "",
        start=filters.get("start"),
        end=filters.get("end"),
        archived=archived,
        listing_data=False,
    )
    # Paginate the plain queryset (a cheap count), then read only the page's rows.
    page_obj = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.listing_rows(page_obj.object_list)
    filtered = any(filters.get(key) for key in FILTER_KEYS)
    return render(
        request,
        "campaigns/dashboard.html",
        {
            "advertiser": advertiser,
            "email_confirmed": user.email_confirmed,
            "archived": archived,
            "filter_form": form,
            "filter_fields": _filter_fields(form, archived=archived),
            "filtered": filtered,
            "page_obj": page_obj,
            "campaigns": rows,
            "campaign_rows": listing_markup.rows_html(rows),
        },
    )
