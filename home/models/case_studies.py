"""Advertiser stories (“Références”, issue 20): an index page listing the
stories, filtered by sector and objective, and one page per story (the
advertiser, the objective, the campaign's figures, the spot, the results in
the advertiser's words and a quote).

A story's video is public only once the advertiser's consent is recorded: the
template shows the player only then, and `media_is_public` tells the media file
server (accounts.media_access) not to serve the file before."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.forms import SingleLineFieldsMixin
from home.case_studies import campaign_figures, similar_campaign_links, story_listing
from simulator.advisor.choices import AUDIENCE_CHOICES, OBJECTIVE_CHOICES


class CaseStudyIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("advertiser stories index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(story_listing(index=self, model=CaseStudyPage, params=request.GET))
        return context


class CaseStudyPageForm(SingleLineFieldsMixin, WagtailAdminPageForm):
    """The consent to show the video publicly: its date defaults to today, the
    staff member who ticks it is recorded, unticking it clears both."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_was_given = bool(self.instance.consent_given)

    def clean(self):
        cleaned_data = super().clean()
        today = timezone.localdate()
        if cleaned_data.get("consent_given"):
            consent_date = cleaned_data.get("consent_date")
            if consent_date is None and "consent_date" not in self.errors:
                cleaned_data["consent_date"] = today
            elif consent_date is not None and consent_date > today:
                self.add_error(
                    "consent_date",
                    ValidationError(
                        _("The consent date cannot be in the future."), code="consent_in_future"
                    ),
                )
        elif "consent_given" in cleaned_data:
            cleaned_data["consent_date"] = None
        start, end = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                ValidationError(
                    _("The campaign cannot end before it starts."), code="end_before_start"
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=False)
        if not page.consent_given:
            page.consent_date = None
            page.consent_recorded_by = None
        elif page.consent_recorded_by_id is None or not self.consent_was_given:
            user = self.for_user
            page.consent_recorded_by = user if user is not None and user.is_authenticated else None
        if commit:
            page.save()
            self.save_m2m()
        return page


class CaseStudyPage(Page):
    advertiser_name = models.CharField(_("advertiser"), max_length=200)
    sector = models.ForeignKey(
        "accounts.BusinessSector",
        verbose_name=_("business sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    objective = models.CharField(_("objective"), max_length=20, choices=OBJECTIVE_CHOICES)
    audience = models.CharField(_("audience"), max_length=20, choices=AUDIENCE_CHOICES, blank=True)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three sentences for the listing.")
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "When set, the figures (length, period, bands and airings) come from the "
            "campaign and the fields below are ignored."
        ),
    )
    spot_length = models.PositiveSmallIntegerField(_("spot length (s)"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    video = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown publicly only once the advertiser's consent is recorded."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An image of the spot, shown on the listing and before the video plays."),
    )
    poster_description = models.CharField(
        _("poster description"),
        max_length=200,
        blank=True,
        help_text=_("What the poster shows, for visitors who cannot see it."),
    )
    consent_given = models.BooleanField(
        _("the advertiser agrees to show the video publicly"), default=False
    )
    consent_date = models.DateField(
        _("date of the consent"),
        null=True,
        blank=True,
        help_text=_("Today when left empty."),
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    results = RichTextField(
        _("results"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("In the advertiser's own words."),
    )
    quote = models.TextField(_("quote"), blank=True)
    quote_author = models.CharField(_("quote author"), max_length=200, blank=True)

    base_form_class = CaseStudyPageForm
    search_fields = Page.search_fields + [
        index.SearchField("advertiser_name"),
        index.SearchField("summary"),
        index.SearchField("results"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("advertiser_name"),
                FieldPanel("sector"),
                FieldPanel("logo"),
                FieldRowPanel([FieldPanel("objective"), FieldPanel("audience")]),
                FieldPanel("summary"),
            ],
            heading=_("Advertiser"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("campaign"),
                FieldRowPanel(
                    [FieldPanel("spot_length"), FieldPanel("start_date"), FieldPanel("end_date")]
                ),
                InlinePanel("bands", label=_("Bands and airings")),
            ],
            heading=_("Campaign"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("poster"),
                FieldPanel("poster_description"),
                FieldPanel("video"),
                FieldPanel("consent_given"),
                FieldPanel("consent_date"),
                FieldPanel("consent_recorded_by", read_only=True),
            ],
            heading=_("Spot"),
        ),
        FieldPanel("results"),
        MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_author")], heading=_("Quote")),
    ]
    parent_page_types = ["home.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("advertiser story")
        verbose_name_plural = _("advertiser stories")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The campaign cannot end before it starts.")},
                code="end_before_start",
            )

    @property
    def video_is_public(self) -> bool:
        return bool(self.video_id and self.consent_given)

    def media_is_public(self, item) -> bool:
        """Asked by the media file server (accounts.media_access): this page makes
        public only its own video (and its thumbnail), once consent is recorded."""
        return self.consent_given and item.pk == self.video_id

    def campaign_figures(self) -> dict:
        return campaign_figures(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        figures = campaign_figures(self)
        context["figures"] = figures
        context["similar_links"] = similar_campaign_links(self, figures, request=request)
        return context


class CaseStudyBand(Orderable):
    """A band and its airings, entered by hand when no campaign is linked."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="bands")
    band_code = models.SlugField(_("time band (code)"), max_length=40)
    band_label = models.CharField(
        _("time band (label)"),
        max_length=120,
        blank=True,
        help_text=_("Left empty: the name of the band on the rate card."),
    )
    airings = models.PositiveIntegerField(_("airings"), validators=[MinValueValidator(1)])

    panels = [
        FieldRowPanel([FieldPanel("band_code"), FieldPanel("band_label")]),
        FieldPanel("airings"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("band of a story")
        verbose_name_plural = _("bands of a story")

    def __str__(self) -> str:
        return f"{self.band_label or self.band_code} × {self.airings}"
