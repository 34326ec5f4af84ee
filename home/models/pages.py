"""Public pages of the site, edited in the Wagtail admin."""

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.ratelimit import refusal_for
from home.blocks import BodyBlock
from home.forms import MESSAGE_MAX_LENGTH, ContactFormBuilder, ContactPageAdminForm
from simulator.models import AdvisorPage

from .case_studies import CaseStudyIndexPage


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offer_title = models.CharField(_("offer title"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("offer_title"),
        FieldPanel("body"),
    ]
    subpage_types = [
        "home.StandardPage",
        "home.GuideIndexPage",
        "home.ContactPage",
        "home.CaseStudyIndexPage",
        "simulator.RateCardPage",
        "simulator.SimulatorPage",
        "simulator.AdvisorPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_guides"] = (
            GuidePage.objects.live().public().order_by("-first_published_at")[:3]
        )
        context["guide_index"] = GuideIndexPage.objects.live().public().first()
        context["contact_page"] = ContactPage.objects.live().public().first()
        # "Your first campaign?": the advisor and the advertiser stories, when live.
        context["advisor_page"] = AdvisorPage.objects.live().public().first()
        context["case_study_index"] = CaseStudyIndexPage.objects.live().public().first()
        return context


class StandardPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class GuideIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["home.GuidePage"]
    max_count = 1

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        guides = GuidePage.objects.live().public().child_of(self).order_by("-first_published_at")
        context["guides"] = Paginator(guides, 12).get_page(request.GET.get("page"))
        return context


class GuidePage(Page):
    summary = models.TextField(_("summary"), max_length=400)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=5)
    body = StreamField(BodyBlock(), verbose_name=_("body"), use_json_field=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("reading_minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")


CONTACT_FIELD_CHOICES = [*FORM_FIELD_CHOICES, ("phone", _("Phone number"))]


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    # Wagtail's field types plus "phone", checked like every phone number of the
    # portal (Burkina +226 and 8 digits, or an international number).
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=CONTACT_FIELD_CHOICES
    )
    field_type.required_on_save = True


class ContactPage(AbstractEmailForm):
    """A contact form: each submission is stored and e-mailed to the team."""

    introduction = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail to the team"),
        ),
    ]
    subpage_types = []
    max_count = 1
    # Its form carries a CSRF token, which belongs to one visitor: never kept
    # whole by the page cache (core/page_cache.py).
    page_cache = False
    form_builder = ContactFormBuilder
    base_form_class = ContactPageAdminForm

    class Meta:
        verbose_name = _("contact page")

    def get_submissions_list_view_class(self):
        # Formula-safe CSV/XLSX exports of the submissions. Imported here, as
        # Wagtail does: the admin's views cannot load with the models.
        from home.submissions import SafeSubmissionsListView

        return SafeSubmissionsListView

    def serve(self, request, *args, **kwargs):
        """Wagtail's form page, with a budget of messages per client address and
        per visitor e-mail (CONTACT_RATE_PER_*): past it, a 429 page saying when to
        try again, and nothing stored nor e-mailed."""
        if request.method != "POST":
            # ?message=...: the message field pre-filled (the help assistant's hand-off).
            self.prefilled_message = request.GET.get("message", "")[:MESSAGE_MAX_LENGTH]
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            refusal = refusal_for(request, form="contact", email=visitor_email(form))
            if refusal is not None:
                return refusal
            submission = self.process_form_submission(form)
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        message = getattr(self, "prefilled_message", "")
        if message and not args:
            for name, field in form.fields.items():
                if isinstance(field.widget, forms.Textarea):
                    form.initial[name] = message
                    break
        return form

    def send_mail(self, form):
        """E-mail the submission to the team, with the visitor's address as
        Reply-To so that answering the e-mail answers the visitor."""
        addresses = [a.strip() for a in self.to_address.split(",") if a.strip()]
        reply_to = [email] if (email := visitor_email(form)) else []
        message = EmailMessage(
            subject=self.subject or gettext("New message from the contact form"),
            body=self.render_email(form),
            from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
            to=addresses,
            reply_to=reply_to,
        )
        message.send()


def visitor_email(form) -> str:
    """The first e-mail address the visitor typed in the contact form, or ""."""
    for name, value in form.cleaned_data.items():
        if value and isinstance(form.fields.get(name), forms.EmailField):
            return str(value)
    return ""
