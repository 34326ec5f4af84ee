"""Writes of the simulator app that carry a business rule: duplicating a rate
card for the next period, recording a quote request (acknowledged to the
requester, announced to the commercial team), marking it handled."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.validators import normalize_phone
from core.errors import DomainError

from .models import Adjustment, Offer, QuoteRequest, RateCard, TimeBand, VolumeTier

logger = logging.getLogger(__name__)

COPY_SUFFIX = " (copie)"
LOG_DUPLICATE = "simulator.rate_card.duplicate"
LOG_HANDLED = "simulator.quote_request.handled"


class SimulatorError(DomainError):
    """A business rule of the simulator app was broken; the message is shown to
    the user as is."""


# --- Rate card: duplicate for the next period -------------------------------------


def _first_of_next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month (`day` is a first)."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _whole_months(start: date, end: date) -> int | None:
    """How many calendar months [start, end] covers when it runs from the first
    of a month to the last day of a month; None otherwise."""
    after = end + timedelta(days=1)
    if start.day != 1 or after.day != 1:
        return None
    return (after.year - start.year) * 12 + (after.month - start.month)


def next_period(card: RateCard, *, today: date | None = None) -> tuple[date, date | None]:
    """The period proposed for the copy of `card`.

    - A card with an end date: the copy starts the next day and lasts as long
      (in calendar months when the card covers whole months, e.g. a year,
      otherwise in days).
    - An open-ended card: the copy starts on the first day of next month (or of
      the month after the card's start, if that is later) and stays open-ended;
      the source card is NOT closed: staff set its end date themselves."""
    if card.valid_until is None:
        today = today or timezone.localdate()
        return _first_of_next_month(max(today, card.valid_from)), None
    start = card.valid_until + timedelta(days=1)
    return start, period_end(card, start)


def period_end(card: RateCard, start: date) -> date | None:
    """The end of a copy of `card` starting on `start`: same length as the card."""
    if card.valid_until is None:
        return None
    months = _whole_months(card.valid_from, card.valid_until)
    if months is not None and start.day == 1:
        return _add_months(start, months) - timedelta(days=1)
    return start + (card.valid_until - card.valid_from)


def copy_name(card: RateCard) -> str:
    max_length = RateCard._meta.get_field("name").max_length
    return card.name[: max_length - len(COPY_SUFFIX)] + COPY_SUFFIX


@transaction.atomic
def duplicate_rate_card(
    *, card: RateCard, user, valid_from: date | None = None, name: str | None = None
) -> RateCard:
    """Copy `card` with all its rows (time bands, adjustments with their bands
    remapped to the copied bands, volume tiers, offers) as an unpublished card
    for the next period (see `next_period`). The source card is left as it is."""
    if valid_from is None:
        valid_from, valid_until = next_period(card)
    else:
        if valid_from <= card.valid_from:
            raise SimulatorError(
                _("The copy must start after the card it copies (from %(date)s).")
                % {"date": f"{card.valid_from:%d/%m/%Y}"}
            )
        valid_until = period_end(card, valid_from)
    copy = RateCard.objects.create(
        name=(name or "").strip() or copy_name(card),
        valid_from=valid_from,
        valid_until=valid_until,
        vat_rate=card.vat_rate,
        published=False,
        notes=card.notes,
    )

    band_map: dict[int, TimeBand] = {}
    for band in TimeBand.objects.filter(rate_card=card).order_by("pk"):
        old_pk = band.pk
        band.pk = None
        band.id = None
        band._state.adding = True
        band.rate_card = copy
        band.save()
        band_map[old_pk] = band

    links = []
    Link = Adjustment.bands.through
    for adjustment in (
        Adjustment.objects.filter(rate_card=card).prefetch_related("bands").order_by("pk")
    ):
        band_ids = [band.pk for band in adjustment.bands.all()]
        new = Adjustment.objects.create(
            rate_card=copy,
            code=adjustment.code,
            name=adjustment.name,
            applies=adjustment.applies,
            percent=adjustment.percent,
            fixed_unit_price=adjustment.fixed_unit_price,
            explanation=adjustment.explanation,
            published=adjustment.published,
            sort_order=adjustment.sort_order,
        )
        links.extend(
            Link(adjustment_id=new.pk, timeband_id=band_map[band_id].pk) for band_id in band_ids
        )
    Link.objects.bulk_create(links)

    VolumeTier.objects.bulk_create(
        VolumeTier(rate_card=copy, min_airings=tier.min_airings, percent=tier.percent)
        for tier in VolumeTier.objects.filter(rate_card=card).order_by("min_airings")
    )
    Offer.objects.bulk_create(
        Offer(
            rate_card=copy,
            code=offer.code,
            category=offer.category,
            name=offer.name,
            unit=offer.unit,
            quantity=offer.quantity,
            price=offer.price,
            description=offer.description,
            sort_order=offer.sort_order,
        )
        for offer in Offer.objects.filter(rate_card=card).order_by("sort_order", "pk")
    )

    log(
        instance=copy,
        action=LOG_DUPLICATE,
        user=user,
        data={"source_id": card.pk, "source_name": card.name},
    )
    return copy


# --- Quote requests ------------------------------------------------------------------


def quote_request_admin_url(quote_request: QuoteRequest) -> str:
    try:
        return reverse("quote_requests:inspect", args=[quote_request.pk])
    except NoReverseMatch:  # the admin is not installed (e.g. a trimmed test setup)
        return ""


@transaction.atomic
def create_quote_request(
    *,
    offer: Offer | None,
    name: str,
    company: str,
    email: str,
    phone: str,
    message: str,
    user=None,
) -> QuoteRequest:
    """Store a visitor's quote request about `offer`; once the transaction is
    committed, e-mail an acknowledgement with its reference (DV-<id>) to the
    requester and tell the commercial team (e-mail to STAFF_NOTIFICATION_EMAILS,
    in-app notification to each active "Administrateur commercial").

    Raises django's ValidationError (field -> messages) on invalid data."""
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    quote_request = QuoteRequest(
        offer=offer,
        offer_name=(offer.name if offer is not None else "")[:160],
        name=(name or "").strip(),
        company=(company or "").strip(),
        email=(email or "").strip(),
        phone=phone,
        message=(message or "").strip(),
        user=user if user is not None and user.is_authenticated else None,
    )
    quote_request.full_clean()
    quote_request.save()
    pk = quote_request.pk
    transaction.on_commit(lambda: announce_quote_request(quote_request_id=pk))
    return quote_request


def _offer_label(quote_request: QuoteRequest) -> str:
    offer = quote_request.offer
    if offer is None:
        return quote_request.offer_name or _("an offer of the catalogue")
    details = ", ".join(part for part in (offer.unit, offer.quantity) if part)
    return f"{offer.name} ({details})" if details else offer.name


def announce_quote_request(*, quote_request_id: int) -> None:
    """Acknowledge the request to its sender and tell the commercial team.
    Each step is independent: one failing does not stop the others."""
    quote_request = QuoteRequest.objects.select_related("offer").filter(pk=quote_request_id).first()
    if quote_request is None:
        return
    for step in (send_acknowledgement, send_staff_email, notify_commercial_admins):
        try:
            step(quote_request=quote_request)
        except Exception:  # noqa: BLE001 - the request is stored; one channel failing is logged
            logger.exception("%s failed for quote request %s", step.__name__, quote_request.pk)


def send_acknowledgement(*, quote_request: QuoteRequest) -> None:
    reference = quote_request.reference
    body = _(
        "Hello %(name)s,\n\n"
        "We have received your quote request about “%(offer)s”. Its reference is "
        "%(reference)s: please quote it in any message about this request.\n\n"
        "The commercial team of BF1 will contact you shortly by e-mail or by phone "
        "(%(phone)s).\n\n"
        "Your message:\n%(message)s\n\n"
        "The BF1 Pub team\n%(site)s"
    ) % {
        "name": quote_request.name,
        "offer": _offer_label(quote_request),
        "reference": reference,
        "phone": quote_request.phone,
        "message": quote_request.message or "—",
        "site": settings.SITE_URL,
    }
    send_mail(
        subject=_("BF1 Pub: your quote request %(reference)s") % {"reference": reference},
        message=body,
        from_email=None,
        recipient_list=[quote_request.email],
    )


def _staff_summary(quote_request: QuoteRequest) -> str:
    lines = [
        _("Offer: %(offer)s") % {"offer": _offer_label(quote_request)},
        _("Name: %(name)s") % {"name": quote_request.name},
        _("Company: %(company)s") % {"company": quote_request.company or "—"},
        _("E-mail: %(email)s") % {"email": quote_request.email},
        _("Phone: %(phone)s") % {"phone": quote_request.phone},
        "",
        quote_request.message or "",
    ]
    return "\n".join(lines).strip()


def send_staff_email(*, quote_request: QuoteRequest) -> None:
    recipients = list(getattr(settings, "STAFF_NOTIFICATION_EMAILS", None) or [])
    if not recipients:
        return
    url = quote_request_admin_url(quote_request)
    body = _staff_summary(quote_request)
    if url:
        body += "\n\n" + _("Open it in the admin: %(url)s") % {"url": f"{settings.SITE_URL}{url}"}
    EmailMessage(
        subject=_("New quote request %(reference)s: %(offer)s")
        % {"reference": quote_request.reference, "offer": _offer_label(quote_request)},
        body=body,
        to=recipients,
        reply_to=[quote_request.email],
    ).send()


def notify_commercial_admins(*, quote_request: QuoteRequest) -> None:
    from notifications.services import notify

    title = _("New quote request %(reference)s: %(offer)s") % {
        "reference": quote_request.reference,
        "offer": _offer_label(quote_request),
    }
    body = _staff_summary(quote_request)
    url = quote_request_admin_url(quote_request)
    from accounts.roles import Role
    from accounts.selectors import active_users_with_role
    from notifications.kinds import NotificationKind

    for admin in active_users_with_role(Role.ADMINISTRATOR):
        notify(
            recipient=admin, kind=NotificationKind.QUOTE_REQUEST, title=title, body=body, url=url
        )


@transaction.atomic
def mark_quote_request_handled(*, quote_request: QuoteRequest, user) -> QuoteRequest:
    """Record that `user` handled the request now. A request already handled is
    refused (the first one to handle it keeps the credit)."""
    locked = QuoteRequest.objects.select_for_update().get(pk=quote_request.pk)
    if locked.status == QuoteRequest.Status.HANDLED:
        raise SimulatorError(
            _("The quote request %(reference)s was already handled.")
            % {"reference": locked.reference}
        )
    locked.status = QuoteRequest.Status.HANDLED
    locked.handled_at = timezone.now()
    locked.handled_by = user
    locked.save(update_fields=["status", "handled_at", "handled_by"])
    log(instance=locked, action=LOG_HANDLED, user=user)
    quote_request.status = locked.status
    quote_request.handled_at = locked.handled_at
    quote_request.handled_by = locked.handled_by
    return locked
