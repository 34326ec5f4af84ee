"""The booking wizard: 4 steps, each saved on the draft, resumable with
`/campaigns/<uuid>/edit/?step=N`."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from accounts.permissions import confirmed_email_required, role_required
from accounts.roles import Role
from core.errors import add_domain_errors
from core.numbers import parse_int
from simulator import selectors as rate_selectors
from simulator.advisor import choices as advisor_choices
from simulator.pricing import LineRequest, PricingError, QuoteRequest, price
from simulator.query import bands_from_query, options_from_query

from .. import selectors, services
from ..exceptions import CampaignError
from ..forms import AirtimeForm, CampaignInfoForm, CreativeForm, ReviewForm
from ..models import Objective

STEPS = (
    (1, gettext_noop("Campaign")),
    (2, gettext_noop("Airtime")),
    (3, gettext_noop("Creative")),
    (4, gettext_noop("Review")),
)
PREFILL_KEY = "campaigns:prefill"
PREFILL_FIELDS = ("spot_length", "start_date", "end_date")
# What step 1 takes from the advisor's "Book" link (`objective`, `audience`).
PREFILL_INFO_FIELDS = ("objective", "target_audience")
ADVISOR_OBJECTIVES = {
    advisor_choices.AWARENESS: Objective.AWARENESS,
    advisor_choices.LAUNCH: Objective.PROMOTION,
    advisor_choices.EVENT: Objective.PROMOTION,
    advisor_choices.OFFER: Objective.PROMOTION,
    advisor_choices.SENSITISATION: Objective.SENSITISATION,
}


def _steps():
    return [(number, _(label)) for number, label in STEPS]


def prefill_from_query(query) -> dict | None:
    """The simulator's "Book" parameters (spot_length, start_date, end_date,
    bands=code:airings,…, options=a,b), or None when there are none."""
    if not any(key in query for key in (*PREFILL_FIELDS, "bands", "options")):
        return None
    data = {key: query.get(key, "").strip()[:20] for key in PREFILL_FIELDS if key in query}
    data["bands"] = [
        {"band": str(line["band"])[:40], "airings": str(line["airings"])[:6]}
        for line in bands_from_query(query)
    ][:20]
    data["options"] = [code[:40] for code in options_from_query(query)][:20]
    objective = query.get("objective", "").strip()
    objective = ADVISOR_OBJECTIVES.get(objective, objective)
    if objective in Objective.values:
        data["objective"] = str(objective)
    audience = advisor_choices.audience_label(query.get("audience", "").strip())
    if audience:
        data["target_audience"] = audience
    return data


def _card():
    card = rate_selectors.current_rate_card()
    return card, (rate_selectors.pricing_data(card) if card is not None else None)


def live_quote(campaign, card_data) -> dict | None:
    """The campaign priced with today's card (an estimate until submission),
    or None when its airtime is incomplete or not priceable."""
    lines = [
        LineRequest(band=line.band_code, airings=line.airings) for line in campaign.lines.all()
    ]
    if card_data is None or not (
        campaign.start_date and campaign.end_date and campaign.spot_length
    ):
        return None
    if not lines:
        return None
    try:
        return price(
            card_data,
            QuoteRequest(
                spot_length=campaign.spot_length,
                start_date=campaign.start_date,
                end_date=campaign.end_date,
                lines=tuple(lines),
                options=tuple(campaign.options or ()),
            ),
        ).as_dict()
    except PricingError:
        return None


def _render(request, campaign, step, form, **extra):
    card, card_data = _card()
    context = {
        "campaign": campaign,
        "step": step,
        "steps": _steps(),
        "form": form,
        "card": card,
        "card_data": card_data,
        **extra,
    }
    if step == 2:
        context.update(_airtime_context(request, campaign, form, card, card_data))
    if step == 4 and campaign is not None:
        context["quote"] = live_quote(campaign, card_data)
        context["lines"] = list(campaign.lines.all())
        context["spots"] = list(campaign.spots.all())
    return render(request, "campaigns/wizard.html", context)


def _airtime_context(request, campaign, form, card, card_data) -> dict:
    """The rows of the band table (checked, airings) and the data of the live
    quote (campaign_wizard.js)."""
    if form.is_bound:
        chosen = {line["band"]: line["airings"] for line in form.band_lines()}
    elif form.initial.get("bands"):
        chosen = {line["band"]: line["airings"] for line in form.initial["bands"]}
    elif campaign is not None:
        chosen = {line.band_code: line.airings for line in campaign.lines.all()}
    else:
        chosen = {}
    rows = []
    bands = card_data.bands if card_data is not None else ()
    for band in bands:
        rows.append(
            {
                "code": band.code,
                "name": band.name,
                "hours": band.hours,
                "checked": band.code in chosen,
                "airings": chosen.get(band.code, 10),
            }
        )
    known = {band.code for band in bands}
    unknown = [code for code in chosen if code not in known]
    band_errors = [
        message for key, messages_ in form.errors.items() if key == "bands" for message in messages_
    ]
    quote = live_quote(campaign, card_data) if campaign is not None and not form.is_bound else None
    return {
        "option_refusals": form.option_refusals,
        "refused_initial_options": [] if form.is_bound else form.refused_initial_options(),
        "band_rows": rows,
        "unknown_bands": unknown,
        "band_errors": band_errors,
        "quote": quote,
        "wizard_data": {"quote_url": reverse("simulator:api_quote"), "quote": quote},
    }


def _initial(campaign, step: int, request) -> dict:
    if campaign is None:
        prefill = request.session.get(PREFILL_KEY) or {}
        return {key: prefill[key] for key in PREFILL_INFO_FIELDS if key in prefill}
    if step == 1:
        return {
            "title": campaign.title,
            "product": campaign.product,
            "sector": campaign.sector_id,
            "objective": campaign.objective,
            "languages": campaign.languages,
            "target_audience": campaign.target_audience,
            "key_message": campaign.key_message,
        }
    if step == 2:
        initial = {
            "start_date": campaign.start_date,
            "end_date": campaign.end_date,
            "spot_length": campaign.spot_length,
            "options": campaign.options,
        }
        prefill = request.session.get(PREFILL_KEY)
        if prefill and not campaign.lines.exists():
            initial.update(
                {k: v for k, v in prefill.items() if k != "bands" and k not in PREFILL_INFO_FIELDS}
            )
            initial["bands"] = prefill.get("bands") or []
        return initial
    if step == 3:
        return {
            "creative_mode": campaign.creative_mode,
            "brief_message": campaign.brief_message,
            "brief_tone": campaign.brief_tone,
            "brief_languages": campaign.brief_languages,
            "brief_contacts": campaign.brief_contacts,
            "brief_delivery_date": campaign.brief_delivery_date,
        }
    return {}


def _form(step: int, request, campaign, card_data, bound: bool):
    args = (request.POST, request.FILES) if bound else ()
    initial = _initial(campaign, step, request)
    if step == 1:
        return CampaignInfoForm(*args, initial=initial)
    if step == 2:
        return AirtimeForm(
            *args, initial=initial, card=card_data, advertiser=request.user.advertiser
        )
    if step == 3:
        spots = selectors.reusable_spots(request.user.advertiser)
        if campaign is not None:
            spots = spots.exclude(campaign=campaign)
        return CreativeForm(*args, initial=initial, spots=spots)
    return ReviewForm(*args)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADVERTISER)
@confirmed_email_required
def create(request):
    """Step 1 of a new campaign. The simulator's parameters are kept in the
    session until step 2, which they pre-fill."""
    prefill = prefill_from_query(request.GET)
    if prefill is not None:
        request.session[PREFILL_KEY] = prefill
    _card_obj, card_data = _card()
    if request.method == "POST":
        form = _form(1, request, None, card_data, bound=True)
        if form.is_valid():
            try:
                campaign = services.create_draft(
                    user=request.user, data=form.service_data(), step=2
                )
            except CampaignError as error:
                add_domain_errors(form, error)
            else:
                return redirect(_step_url(campaign, 2))
        return _render(request, None, 1, form)
    return _render(request, None, 1, _form(1, request, None, card_data, bound=False))


def _step_url(campaign, step: int) -> str:
    return f"{reverse('campaigns:edit', kwargs={'uuid': campaign.uuid})}?step={step}"


def _step(request) -> int:
    raw = request.POST.get("step") if request.method == "POST" else None
    raw = raw or request.GET.get("step", "1")
    return parse_int(raw, minimum=1, maximum=4) or 1


@require_http_methods(["GET", "POST"])
@role_required(Role.ADVERTISER)
@confirmed_email_required
def edit(request, uuid):
    campaign = selectors.campaign_for_user(request.user, uuid)
    if not campaign.is_editable:
        messages.info(request, _("This campaign can no longer be changed."))
        return redirect(campaign.get_absolute_url())
    step = _step(request)
    _card_obj, card_data = _card()
    if request.method != "POST":
        return _render(request, campaign, step, _form(step, request, campaign, card_data, False))

    form = _form(step, request, campaign, card_data, bound=True)
    if not form.is_valid():
        return _render(request, campaign, step, form)
    try:
        if step == 4:
            services.submit(
                campaign=campaign,
                user=request.user,
                accept_terms=form.cleaned_data["accept_terms"],
            )
            messages.success(
                request, _("Your campaign has been submitted. We will review it shortly.")
            )
            return redirect(campaign.get_absolute_url())
        services.update_draft(
            campaign=campaign,
            user=request.user,
            data=form.service_data(),
            step=max(campaign.wizard_step, step + 1),
        )
        if step == 3 and form.cleaned_data.get("creative_mode") == "reuse":
            spot = form.cleaned_data.get("spot")
            if spot is not None:
                services.reuse_spot(campaign=campaign, spot=spot, user=request.user)
            elif not campaign.spots.exists():
                raise CampaignError(
                    _("Choose an approved spot to reuse."),
                    {"spot": [_("Choose an approved spot to reuse.")]},
                )
    except CampaignError as error:
        add_domain_errors(form, error)
        return _render(request, campaign, step, form)
    if step == 2:
        request.session.pop(PREFILL_KEY, None)
    return redirect(_step_url(campaign, step + 1))
