"""factory-boy factories for campaigns and spots."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import AdvertiserUserFactory, BusinessSectorFactory
from campaigns.models import (
    Campaign,
    CampaignLine,
    CreativeMode,
    Language,
    Objective,
    ReviewState,
    Spot,
    SpotKind,
    Status,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name: str = "autorisation.pdf") -> ContentFile:
    return ContentFile(PDF_BYTES, name=name)


def next_week():
    return timezone.localdate() + timedelta(days=7)


class CampaignFactory(DjangoModelFactory):
    """A complete draft (ready to submit with the demo card): one band, 30 s."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    class Params:
        user = factory.SubFactory(AdvertiserUserFactory)

    advertiser = factory.LazyAttribute(lambda o: o.user.advertiser)
    created_by = factory.SelfAttribute("user")
    title = factory.Sequence(lambda n: f"Campagne {n}")
    product = "Jus de bissap Sahel"
    sector = factory.SubFactory(BusinessSectorFactory)
    objective = Objective.AWARENESS
    languages = factory.LazyFunction(lambda: [Language.FRENCH.value, Language.MOORE.value])
    target_audience = "Familles de Ouagadougou"
    key_message = "Le goût du Faso"
    start_date = factory.LazyFunction(next_week)
    end_date = factory.LazyAttribute(
        lambda o: o.start_date + timedelta(days=13) if o.start_date else None
    )
    spot_length = 30
    options = factory.LazyFunction(list)
    creative_mode = CreativeMode.PROVIDE
    status = Status.DRAFT

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        for code, airings in extracted if extracted is not None else [("prime-time", 10)]:
            CampaignLine.objects.create(campaign=self, band_code=code, airings=airings)


def image_factory_image(title: str = "Spot"):
    """A spot image as the upload stores it: a random name under the private
    `spots/images/`, in the spots collection."""
    from wagtail.images.tests.utils import get_test_image_file

    from campaigns.spot_storage import new_spot_image

    return new_spot_image(get_test_image_file(), extension="png", title=title)


class SpotFactory(DjangoModelFactory):
    """An image spot (no video decoding needed); reviewed state as asked."""

    class Meta:
        model = Spot

    campaign = factory.SubFactory(CampaignFactory)
    advertiser = factory.SelfAttribute("campaign.advertiser")
    kind = SpotKind.IMAGE
    image = factory.LazyFunction(image_factory_image)
    declared_length = 30
    review_state = ReviewState.PENDING
    uploaded_by = factory.SelfAttribute("campaign.created_by")
