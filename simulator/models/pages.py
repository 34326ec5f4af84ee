"""Public Wagtail pages of the simulator app: the rate page and the simulator."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from simulator.blocks import SimulatorBodyBlock


class RateCardPage(Page):
    """“Tarifs”: the rate card valid today, rendered from the database."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("rate card page")


class SimulatorPage(Page):
    """“Simulateur”: teaching content written by editors beside the live calculator."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        SimulatorBodyBlock(), verbose_name=_("teaching content"), blank=True, use_json_field=True
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("simulator page")
