"""What /aide/ and the hand-off show besides the answer: the live FAQ entries by
category, the contact page, the WhatsApp link and the team's opening hours (site
settings)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.models import ContactPage, ContactSettings

from ..models import FaqCategory, FaqEntry

PREFILL_MAX = 2000  # home.forms' message field is longer: the question always fits


@dataclass(frozen=True)
class FaqItem:
    key: str
    question: str
    answer: object  # RichText, rendered with |richtext
    links: tuple[tuple[str, str], ...]  # (label, url)


@dataclass(frozen=True)
class FaqSection:
    code: str
    label: str
    entries: tuple[FaqItem, ...]


def _raw_links(entry: FaqEntry) -> list[dict]:
    return [item.get("value") or {} for item in entry.links.raw_data if isinstance(item, dict)]


def faq_sections(request=None) -> list[FaqSection]:
    """The published FAQ entries, grouped by category in the categories' order,
    their links' pages looked up in one query (a page no longer live drops its
    link unless an address was also given)."""
    entries = list(FaqEntry.objects.filter(live=True).order_by("question"))
    page_ids = {
        value.get("page")
        for entry in entries
        for value in _raw_links(entry)
        if isinstance(value.get("page"), int)
    }
    pages = Page.objects.live().in_bulk(page_ids) if page_ids else {}
    items: dict[str, list[FaqItem]] = {}
    for entry in entries:
        links = []
        for value in _raw_links(entry):
            page = pages.get(value.get("page"))
            url = (page.get_url(request) if page else "") or value.get("url") or ""
            if url and value.get("label"):
                links.append((str(value["label"]), url))
        items.setdefault(entry.category, []).append(
            FaqItem(entry.key, entry.question, entry.answer, tuple(links))
        )
    return [
        FaqSection(code=code, label=str(label), entries=tuple(items[code]))
        for code, label in FaqCategory.choices
        if code in items
    ]


def contact_url(request, *, question: str = "") -> str:
    """The contact page's address (its form pre-filled with `question`), or ""."""
    page = ContactPage.objects.live().public().first()
    if page is None:
        return ""
    url = page.get_url(request) or ""
    if url and question:
        url += "?" + urlencode({"message": question[:PREFILL_MAX]})
    return url


def contact_settings(request):
    try:
        return ContactSettings.for_request(request)
    except Exception:  # noqa: BLE001 - no site for this host: no settings shown
        return None


def whatsapp_url(request, *, question: str = "") -> str:
    contact = contact_settings(request)
    if contact is None or not contact.whatsapp_enabled or not contact.whatsapp_link_number:
        return ""
    url = f"https://wa.me/{contact.whatsapp_link_number}"
    return f"{url}?text={quote(question)}" if question else url


def _clock(value) -> str:
    return f"{value.hour}\u00a0h" + (f"\u00a0{value.minute:02d}" if value.minute else "")


def _days(days: list[int]) -> str:
    days = sorted(set(days))
    names = [str(WEEKDAYS[day]) for day in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return _("from %(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    return ", ".join(names)


def opening_hours(request) -> str:
    """ "from Monday to Friday, 8 h – 17 h" from the business hours of the site
    settings (those the conversation reminders count in), or ""."""
    contact = contact_settings(request)
    if contact is None:
        return ""
    days = [d for d in (contact.business_days or []) if isinstance(d, int) and 0 <= d <= 6]
    if not days or contact.business_opens is None or contact.business_closes is None:
        return contact.opening_hours or ""
    return _("%(days)s, from %(opens)s to %(closes)s") % {
        "days": _days(days),
        "opens": _clock(contact.business_opens),
        "closes": _clock(contact.business_closes),
    }
