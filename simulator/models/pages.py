"""Public Wagtail pages of the simulator app: the rate page and the simulator.

The work behind them is done by `simulator.views`, which imports the models:
`SimulatorConfig.ready()` plugs those functions in (`register_page_handlers`),
so that the models never import the views (no import cycle inside the app)."""

from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from simulator.blocks import SimulatorBodyBlock

_HANDLERS: dict[str, Callable] = {}


def register_page_handlers(**handlers: Callable) -> None:
    """Plug in the functions behind the pages: `rate_page_context(page, request)`,
    `rate_card_pdf(page, request)`, `quote_request(page, request, offer_code)`,
    `quote_request_thanks(page, request)` and `calculator_context(request, page)`."""
    _HANDLERS.update(handlers)


class RateCardPage(RoutablePageMixin, Page):
    """“Tarifs”: the rate card valid today, rendered from the database, with
    its PDF (`grille-pdf/`) and a quote request form per offer (`devis/<code>/`).
    The work is done in `simulator.views.rate`."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("rate card page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_HANDLERS["rate_page_context"](self, request))
        return context

    def get_cached_paths(self):
        # What a front cache purge drops (wagtail.contrib.frontend_cache): the
        # page and its PDF, both cached for anonymous visitors.
        return ["/", "/grille-pdf/"]

    # Wagtail serves only paths made of slugs ending with “/” (no “grille.pdf”):
    # the file name comes from the Content-Disposition header.
    @path("grille-pdf/", name="rate_card_pdf")
    def rate_card_pdf(self, request):
        return _HANDLERS["rate_card_pdf"](self, request)

    # Before `devis/<code>/`, which would take “merci” for an offer code.
    @path("devis/merci/", name="quote_request_thanks")
    def quote_request_thanks(self, request):
        return _HANDLERS["quote_request_thanks"](self, request)

    @path("devis/<slug:offer_code>/", name="quote_request")
    def quote_request(self, request, offer_code):
        return _HANDLERS["quote_request"](self, request, offer_code)


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

    def get_context(self, request, *args, **kwargs):
        """The calculator's starting point; with GET parameters (the form sent
        without JavaScript, or a shared link), the quote priced server-side by
        the API's own `compute_quote`. The work is done in
        `simulator.views.simulator`."""
        context = super().get_context(request, *args, **kwargs)
        context.update(_HANDLERS["calculator_context"](request, self))
        return context
