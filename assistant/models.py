"""The help assistant's data: what editors write (FAQ entries, synonyms), the
passages the index is built from (written by a task, never at request time) and
the questions asked (no personal data beyond the account id)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, RevisionMixin

QUESTION_MAX_LENGTH = 500


class FaqCategory(models.TextChoices):
    PRICES = "prices", _("Prices and rate card")
    FORMATS = "formats", _("Spot formats and upload")
    BOOKING = "booking", _("Booking a campaign")
    APPROVAL = "approval", _("Approval")
    BROADCASTING = "broadcasting", _("Broadcasting and certificates")
    COVERAGE = "coverage", _("Press coverage")
    BILLING = "billing", _("Billing and payment")
    ACCOUNT = "account", _("Account")
    OTHER = "other", _("Other")


class FaqLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=120)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("address"),
        required=False,
        max_length=300,
        help_text=_("A path of the site such as /campaigns/, used when no page is chosen."),
    )

    class Meta:
        icon = "link"
        label = _("link")


class FaqEntry(DraftStateMixin, RevisionMixin, models.Model):
    """A question editors answer once: its variants (one per line, as visitors
    write them) are searched with the question."""

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("A short stable name, such as format-video."),
    )
    question = models.CharField(_("question"), max_length=200)
    variants = models.TextField(
        _("other wordings"), blank=True, help_text=_("One wording per line.")
    )
    answer = RichTextField(_("answer"), features=["bold", "italic", "link", "ol", "ul"])
    links = StreamField(
        [("link", FaqLinkBlock())], verbose_name=_("links"), blank=True, use_json_field=True
    )
    category = models.CharField(
        _("category"), max_length=20, choices=FaqCategory.choices, default=FaqCategory.OTHER
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="faq_entry")

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["category", "question"]

    def __str__(self) -> str:
        return self.question

    @property
    def revisions(self):
        return self._revisions

    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.variants.splitlines() if line.strip()]


class SynonymGroup(models.Model):
    """Words the assistant treats as one (pub, publicité, spot, annonce), added
    to the built-in list by editors."""

    terms = models.CharField(
        _("words"),
        max_length=300,
        help_text=_("Words or short expressions meaning the same thing, separated by commas."),
    )

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]


class PassageSource(models.TextChoices):
    PAGE = "page", _("Page")
    FAQ = "faq", _("FAQ")
    CARD = "card", _("Rate card")


class Passage(models.Model):
    """A heading and its paragraphs, as the index reads it. Rewritten whole by
    the index task (`services.index.rebuild_index`)."""

    source = models.CharField(_("source"), max_length=10, choices=PassageSource.choices)
    # Stable name of what the passage comes from: "page:<slug>", "faq:<key>", "card:<part>".
    source_key = models.CharField(_("source key"), max_length=120, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    heading = models.CharField(_("heading"), max_length=255, blank=True)
    text = models.TextField(_("text"))
    url = models.CharField(_("address"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)
    # The analysed words (accents folded, stemmed, synonyms mapped), space separated.
    terms = models.TextField(_("analysed words"), blank=True)

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["source_key", "position"]

    def __str__(self) -> str:
        return f"{self.title} — {self.heading}" if self.heading else self.title


class AnswerKind(models.TextChoices):
    PRICE = "price", _("Price from the rate card")
    CAMPAIGNS = "campaigns", _("The advertiser's campaigns")
    LINKS = "links", _("Links of the client area")
    PASSAGES = "passages", _("Passages of the site")
    NONE = "none", _("No answer")


class Question(models.Model):
    """A question asked, its kind of answer and the feedback; the account id only."""

    text = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)
    # The analysed words sorted: questions with the same words are grouped.
    signature = models.CharField(_("signature"), max_length=500, db_index=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_kind = models.CharField(_("answer"), max_length=12, choices=AnswerKind.choices)
    sources = models.JSONField(_("sources shown"), default=list, blank=True)
    helpful = models.BooleanField(_("helpful"), null=True, blank=True)
    handed_off = models.BooleanField(_("handed to the team"), default=False)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("question asked")
        verbose_name_plural = _("questions asked")
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return self.text


class IndexState(models.Model):
    """One row: the generation of the passages written by the last rebuild. The
    search reloads its in-process index when it changes (one small query per
    search; a rolled back rebuild rolls it back too)."""

    generation = models.CharField(_("generation"), max_length=32)
    built_at = models.DateTimeField(_("built at"))
    passages = models.PositiveIntegerField(_("passages"), default=0)

    class Meta:
        verbose_name = _("assistant index")
        verbose_name_plural = _("assistant index")

    def __str__(self) -> str:
        return f"{self.generation} ({self.passages})"
