"""Bench-only URLconf (bench/http_settings.py): the portal's URLs, plus a floor
view that returns a constant response through the same middleware stack and the
same server set-up. Never part of the product's URLs."""

from django.http import HttpResponse
from django.urls import path

from bench.http_load import FLOOR_PATH
from bf1portal.urls import urlpatterns as portal_urlpatterns

FLOOR_BODY = b"<!DOCTYPE html><title>floor</title><p>ok</p>"


def floor(request):
    return HttpResponse(FLOOR_BODY)


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor), *portal_urlpatterns]
