"""StreamField blocks of the simulator page: one block explains one price factor."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

FACTOR_CHOICES = [
    ("base_price", _("Base price and spot length")),
    ("band", _("Time band")),
    ("extra_seconds", _("Seconds beyond 60 s")),
    ("adjustment", _("Options and adjustments")),
    ("volume", _("Volume discount")),
    ("vat", _("VAT")),
    ("other", _("Other")),
]


class FactorExplanationBlock(blocks.StructBlock):
    factor = blocks.ChoiceBlock(label=_("Price factor"), choices=FACTOR_CHOICES)
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Explanation"), features=["bold", "italic", "link", "ul"])
    illustration = ImageChooserBlock(label=_("Illustration"), required=False)

    class Meta:
        icon = "help"
        template = "simulator/blocks/factor_explanation.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["factor_label"] = dict(FACTOR_CHOICES).get(value.get("factor"), "")
        return context


class SimulatorBodyBlock(blocks.StreamBlock):
    factor = FactorExplanationBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="home/blocks/paragraph.html",
    )
