"""The answers the advisor offers: objectives, audiences, typical budgets and
campaign lengths. Codes in English, labels in French through gettext."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

AWARENESS = "awareness"
LAUNCH = "launch"
EVENT = "event"
OFFER = "offer"
SENSITISATION = "sensitisation"

OBJECTIVE_CHOICES = [
    (AWARENESS, _("Make a brand known")),
    (LAUNCH, _("Launch a product")),
    (EVENT, _("Announce a dated event")),
    (OFFER, _("Promote a limited offer")),
    (SENSITISATION, _("Raise awareness of a cause")),
]
OBJECTIVE_HELP = {
    AWARENESS: _("Be seen often over several weeks so that your name sticks."),
    LAUNCH: _("Strike hard at the start so that people try the new product."),
    EVENT: _("Bring people to a date: the campaign runs in the weeks before the day."),
    OFFER: _("Make people act before the offer ends: short and intense."),
    SENSITISATION: _("Change habits: a clear message repeated to the right audience."),
}

GENERAL = "general"
YOUTH = "youth"
FAMILIES = "families"
PROFESSIONALS = "professionals"
RURAL = "rural"

AUDIENCE_CHOICES = [
    (GENERAL, _("General public")),
    (YOUTH, _("Young people")),
    (FAMILIES, _("Families")),
    (PROFESSIONALS, _("Professionals")),
    (RURAL, _("Rural audiences")),
]
AUDIENCE_HELP = {
    GENERAL: _("Everyone who watches BF1, in town and in the country."),
    YOUTH: _("Pupils, students and young workers, who watch in the evening."),
    FAMILIES: _("Households watching together, at meal times and news time."),
    PROFESSIONALS: _("Managers, traders and decision makers, who follow the news."),
    RURAL: _("Villages and small towns, where the television is watched in company."),
}

# The budget slider (FCFA, VAT included) and its typical values.
BUDGET_MIN = 100_000
BUDGET_MAX = 20_000_000
BUDGET_STEP = 50_000
BUDGET_PRESETS = (500_000, 1_000_000, 1_500_000, 3_000_000, 5_000_000, 10_000_000)
# Campaign lengths offered, in weeks.
WEEKS_CHOICES = (1, 2, 3, 4, 6, 8)
DEFAULT_WEEKS = 2


def objective_label(code: str) -> str:
    return str(dict(OBJECTIVE_CHOICES).get(code, ""))


def audience_label(code: str) -> str:
    return str(dict(AUDIENCE_CHOICES).get(code, ""))
