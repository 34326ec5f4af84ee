"""The advertiser reads their spot's own title; the libraries show whose it is."""

import pytest

from campaigns.models import Spot
from campaigns.spot_files import library_title
from campaigns.tests.factories import SpotFactory, image_factory_image

pytestmark = pytest.mark.django_db


def test_a_spot_reads_without_the_advertisers_name_the_library_adds():
    spot = SpotFactory()
    name = spot.advertiser.name
    spot.image = image_factory_image(title=library_title(name, "spot-lait-v1"))
    spot.save()
    assert spot.image.title == f"{name} · spot-lait-v1"
    assert str(spot) == "spot-lait-v1"  # advertiser loaded: the exact prefix goes
    assert str(Spot.objects.get(pk=spot.pk)) == "spot-lait-v1"  # not loaded: same answer


def test_a_title_without_the_prefix_is_kept_whole():
    spot = SpotFactory()
    spot.image = image_factory_image(title="Soldes de Noël")
    spot.save()
    assert str(spot) == "Soldes de Noël"
