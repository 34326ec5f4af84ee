"""StreamField blocks of the guides and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtailmedia.blocks import VideoChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or link"),
        required=False,
        max_length=300,
        help_text=_("A path on this site (/register/) or a full address."),
    )

    class Meta:
        icon = "link"
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        link = (value.get("url") or "").strip()
        if not link and value.get("page") is None:
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        if link and not _is_safe_link(link):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Enter a path starting with / or an address starting with https://.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = parent_context.get("request") if parent_context else None
        context["href"] = cta_href(value, request=request)
        return context


def _is_safe_link(link: str) -> bool:
    if link.startswith("/") and not link.startswith("//"):
        return True
    return link.startswith(("https://", "http://", "mailto:", "tel:"))


def cta_href(value, *, request=None) -> str:
    """The address a call-to-action button leads to: the chosen page, else the
    link typed by the editor when it is a safe one, else nothing."""
    page = value.get("page")
    if page is not None:
        url = page.get_url(request=request)
        if url:
            return url
    link = (value.get("url") or "").strip()
    return link if link and _is_safe_link(link) else ""


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("Video"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "home/blocks/video.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"],
        template="home/blocks/paragraph.html",
    )
    image = ImageBlock(label=_("Image"), template="home/blocks/image.html")
    video = VideoBlock()
    call_to_action = CallToActionBlock()
