from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Advertiser
from accounts.permissions import role_required
from accounts.roles import Role

from .. import selectors
from ..forms import CampaignFilterForm

PAGE_SIZE = 20


@require_GET
@role_required(Role.ADVERTISER)
def dashboard(request):
    """The advertiser's home: account state, then the company's campaigns
    (current ones, or the archive with `?archive=1`) with filters."""
    user = request.user
    # The company with its sector (shown in the "My company" card): one query.
    advertiser = Advertiser.objects.select_related("sector").filter(pk=user.advertiser_id).first()
    archived = request.GET.get("archive") == "1"
    form = CampaignFilterForm(request.GET or None, archived=archived)
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
    filtered = any(filters.get(key) for key in ("status", "q", "start", "end"))
    return render(
        request,
        "campaigns/dashboard.html",
        {
            "advertiser": advertiser,
            "email_confirmed": user.email_confirmed,
            "archived": archived,
            "filter_form": form,
            "filtered": filtered,
            "page_obj": page_obj,
            "campaigns": selectors.listing_rows(page_obj.object_list),
        },
    )
