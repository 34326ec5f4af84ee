"""The public pages of a fresh site, for the layout and accessibility journeys:
home, /tarifs/, /simulateur/, /conseiller/ (with the demo's rules), /references/
(the demo's stories) and /contact/ (with the demo's form fields), the demo rate
card, and the WhatsApp button switched on."""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Site

from home import demo as content
from home.demo.stories import ensure_demo_stories
from home.models import ContactFormField, ContactPage, ContactSettings
from simulator.advisor_demo import ensure_demo_rules
from simulator.demo import ensure_demo_rate_card
from simulator.models import AdvisorPage, RateCardPage, SimulatorPage
from simulator.tests.simulator_pages import make_advisor_page, make_simulator_page
from tests.e2e.test_simulator import ensure_home_page


def make_public_site() -> None:
    cache.clear()
    ensure_demo_rate_card()
    home = ensure_home_page()
    if not SimulatorPage.objects.exists():
        make_simulator_page()
    ensure_demo_rules()
    if not AdvisorPage.objects.exists():
        make_advisor_page()
    ensure_demo_stories(home_page=home)
    if not RateCardPage.objects.exists():
        rate_page = home.add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
        rate_page.save_revision().publish()
    if not ContactPage.objects.exists():
        data = content.CONTACT
        contact = ContactPage(
            title=data["title"],
            slug="contact",
            introduction=data["introduction"],
            thank_you_text=data["thank_you_text"],
            subject=data["subject"],
            to_address="commercial@bf1.bf",
        )
        for order, (name, label, field_type, required, choices, help_text) in enumerate(
            data["fields"]
        ):
            contact.form_fields.add(
                ContactFormField(
                    sort_order=order,
                    clean_name=name,
                    label=label,
                    field_type=field_type,
                    required=required,
                    choices=choices,
                    help_text=help_text,
                )
            )
        home.add_child(instance=contact)
        contact.save_revision().publish()
    ContactSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"whatsapp_enabled": True, "whatsapp_number": "+226 70 00 00 00"},
    )
