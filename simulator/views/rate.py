"""The public rate page “Tarifs”: what it shows (built once, shared by the
HTML page and the PDF), the quote request form and the PDF download.

The routes live on `RateCardPage` (Wagtail routable page) and call the
functions below (plugged in by `SimulatorConfig.ready()`), so that the model
stays a thin declaration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from core.money import percent_text
from core.throttle import client_address, hits, record_hit

from .. import selectors, services
from ..contact import contact_for
from ..forms import QuoteRequestForm
from ..models import Offer, RateCard
from ..models.rate_card import ALL_WEEKDAYS, WEEKDAY_CHOICES
from ..pricing import RateCardData

# Quote requests a visitor's address may send, per clock hour.
QUOTE_REQUESTS_PER_HOUR = 5
THANKS_SESSION_KEY = "simulator:quote_request"
THROTTLED_MESSAGE = gettext_lazy(
    "You have already sent several quote requests in the last hour. "
    "Please try again later, or call us."
)


# --- What the page shows -------------------------------------------------------


@dataclass(frozen=True)
class Price:
    incl_vat: int
    excl_vat: int


@dataclass(frozen=True)
class BandRow:
    code: str
    name: str
    hours: str
    days: str  # empty when the band airs every day
    prime: bool
    up_to_30: Price
    from_31_to_60: Price
    per_extra_second: Price

    @property
    def prices(self) -> tuple[tuple[str, Price], ...]:
        """The three length tiers, named as in the API's `prices`."""
        return (
            ("up_to_30", self.up_to_30),
            ("from_31_to_60", self.from_31_to_60),
            ("per_extra_second", self.per_extra_second),
        )


@dataclass(frozen=True)
class AdjustmentRow:
    code: str
    name: str
    kind: str  # "surcharge", "reduction" or "fixed"
    percent: str  # "20 %" (empty for a fixed price)
    fixed_price: Price | None
    bands: str  # empty: every band
    on_request: bool
    explanation: str


@dataclass(frozen=True)
class VolumeTierRow:
    min_airings: int
    percent: str


@dataclass(frozen=True)
class OfferRow:
    code: str
    name: str
    unit: str
    quantity: str
    description: str
    price: Price | None

    @property
    def on_quote(self) -> bool:
        return self.price is None


@dataclass(frozen=True)
class OfferGroup:
    category: str
    label: str
    offers: tuple[OfferRow, ...]


@dataclass(frozen=True)
class RateCardDisplay:
    id: int
    name: str
    valid_from: date
    valid_until: date | None
    vat_rate: Decimal
    vat_text: str
    bands: tuple[BandRow, ...]
    adjustments: tuple[AdjustmentRow, ...]
    volume_tiers: tuple[VolumeTierRow, ...]
    offer_groups: tuple[OfferGroup, ...]

    @property
    def offers(self) -> list[OfferRow]:
        return [offer for group in self.offer_groups for offer in group.offers]


def days_text(weekdays: str) -> str:
    """“” for every day; else the days, runs of three or more as “Monday–Friday”."""
    days = sorted({int(ch) for ch in weekdays if ch in ALL_WEEKDAYS})
    if len(days) == 7 or not days:
        return ""
    labels = [str(label) for _code, label in WEEKDAY_CHOICES]
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{labels[run[0]]}–{labels[run[-1]]}")
        else:
            parts.extend(labels[day] for day in run)
    return ", ".join(parts)


def build_display(card: RateCard) -> RateCardDisplay:
    """The card as the page and the PDF show it (expects the rows prefetched
    by `selectors.rate_card_with_rows`: no query of its own)."""
    data: RateCardData = selectors.to_pricing_data(card)

    def priced(amount: int) -> Price:
        """A published price (VAT included) and the amount excluding VAT derived from it."""
        return Price(incl_vat=amount, excl_vat=data.excl_vat(amount))

    bands = tuple(
        BandRow(
            code=band.code,
            name=band.name,
            hours=f"{band.start_time:%H:%M}–{band.end_time:%H:%M}",
            days=days_text(band.weekdays),
            prime=band.is_prime,
            up_to_30=priced(band.price_up_to_30),
            from_31_to_60=priced(band.price_31_to_60),
            per_extra_second=priced(band.price_per_extra_second),
        )
        for band in card.bands.all()
        if band.is_active
    )
    adjustments = []
    for adjustment in card.adjustments.all():
        if not adjustment.published:  # an example the commercial team has not confirmed
            continue
        if adjustment.fixed_unit_price is not None:
            kind, percent, fixed = "fixed", "", priced(adjustment.fixed_unit_price)
        else:
            kind = "surcharge" if adjustment.percent > 0 else "reduction"
            percent, fixed = percent_text(abs(adjustment.percent)), None
        adjustments.append(
            AdjustmentRow(
                code=adjustment.code,
                name=adjustment.name,
                kind=kind,
                percent=percent,
                fixed_price=fixed,
                bands=", ".join(band.name for band in adjustment.bands.all()),
                on_request=adjustment.applies == adjustment.Applies.ON_REQUEST,
                explanation=adjustment.explanation,
            )
        )
    tiers = tuple(
        VolumeTierRow(min_airings=tier.min_airings, percent=percent_text(tier.percent))
        for tier in card.volume_tiers.all()
    )
    by_category: dict[str, list[OfferRow]] = {}
    for offer in card.offers.all():
        by_category.setdefault(offer.category, []).append(
            OfferRow(
                code=offer.code,
                name=offer.name,
                unit=offer.unit,
                quantity=offer.quantity,
                description=offer.description,
                price=priced(offer.price) if offer.price is not None else None,
            )
        )
    groups = tuple(
        OfferGroup(category=value, label=str(label), offers=tuple(by_category[value]))
        for value, label in Offer.Category.choices
        if value in by_category
    )
    return RateCardDisplay(
        id=card.pk,
        name=card.name,
        valid_from=card.valid_from,
        valid_until=card.valid_until,
        vat_rate=card.vat_rate,
        vat_text=percent_text(card.vat_rate),
        bands=bands,
        adjustments=tuple(adjustments),
        volume_tiers=tiers,
        offer_groups=groups,
    )


def current_display() -> RateCardDisplay | None:
    """The card valid today, ready to show; None when none is published."""
    card = selectors.current_rate_card()
    if card is None:
        return None
    return build_display(selectors.rate_card_with_rows(card.pk))


def sub_url(page, name: str, args=None) -> str:
    """The URL of one of the page's routes (`RoutablePageMixin`)."""
    return (page.url or "/") + page.reverse_subpage(name, args=args)


def page_context(page, request) -> dict:
    display = current_display()
    if display is None:
        return {"rate_card": None}
    return {
        "rate_card": display,
        "pdf_url": sub_url(page, "rate_card_pdf"),
        "offer_groups": [
            {
                "category": group.category,
                "label": group.label,
                "offers": [
                    {
                        "offer": offer,
                        "url": sub_url(page, "quote_request", args=[offer.code]),
                    }
                    for offer in group.offers
                ],
            }
            for group in display.offer_groups
        ],
    }


# --- The quote request -----------------------------------------------------------


def quote_requests_left(request) -> int:
    used = hits(client_address(request), scope="quote-request", window=3600)
    return QUOTE_REQUESTS_PER_HOUR - used


def count_quote_request(request) -> None:
    record_hit(client_address(request), scope="quote-request", window=3600)


def _current_offer(offer_code: str) -> tuple[Offer, OfferRow]:
    card = selectors.current_rate_card()
    if card is None:
        raise Http404
    offer = Offer.objects.filter(rate_card=card, code=offer_code).first()
    if offer is None:
        raise Http404
    display = build_display(selectors.rate_card_with_rows(card.pk))
    row = next(row for row in display.offers if row.code == offer.code)
    return offer, row


def _add_errors(form, error: ValidationError) -> None:
    """The service's own checks, shown on the form's fields when it has them."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def quote_request(page, request, offer_code: str):
    """GET: the form about one offer; POST: store it (through the service,
    which acknowledges by e-mail and tells the team) and show the reference."""
    offer, row = _current_offer(offer_code)
    status = 200
    if request.method == "POST":
        form = QuoteRequestForm(request.POST)
        if quote_requests_left(request) <= 0:
            form.is_valid()  # keep what was typed, with its own errors
            form.add_error(None, str(THROTTLED_MESSAGE))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                quote = services.create_quote_request(
                    offer=offer,
                    name=data["name"],
                    company=data["company"],
                    email=data["email"],
                    phone=data["phone"],
                    message=data["message"],
                    user=request.user if request.user.is_authenticated else None,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                count_quote_request(request)
                request.session[THANKS_SESSION_KEY] = {
                    "reference": quote.reference,
                    "offer": row.name,
                }
                return redirect(sub_url(page, "quote_request_thanks"))
    else:
        form = QuoteRequestForm(initial=QuoteRequestForm.initial_for(request.user))
    return TemplateResponse(
        request,
        "simulator/quote_request_form.html",
        {"page": page, "self": page, "offer": row, "form": form},
        status=status,
    )


def quote_request_thanks(page, request):
    sent = request.session.get(THANKS_SESSION_KEY)
    if not sent:
        return redirect(page.url or "/")
    return TemplateResponse(
        request,
        "simulator/quote_request_thanks.html",
        {
            "page": page,
            "self": page,
            "reference": sent.get("reference", ""),
            "offer_name": sent.get("offer", ""),
        },
    )


# --- The PDF ------------------------------------------------------------------------


def pdf_filename(display: RateCardDisplay) -> str:
    return f"grille-tarifaire-bf1-{display.valid_from.isoformat()}.pdf"


def rate_card_pdf(page, request, *, compress: bool | None = None):
    # reportlab is loaded on the first download, not when the app starts.
    from ..pdf import render_rate_card_pdf

    display = current_display()
    if display is None:
        raise Http404
    content = render_rate_card_pdf(display, contact=contact_for(request), compress=compress)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(display)}"'
    return response
