"""The advertiser's side (to be completed by the screens)."""

from django.http import Http404

from ..conf import require_enabled


def pay(request, uuid):
    require_enabled()
    raise Http404


def status(request, reference):
    require_enabled()
    raise Http404


def receipt(request, reference):
    require_enabled()
    raise Http404
