"""The sandbox checkout page (to be completed)."""

from django.http import Http404

from ..conf import require_enabled


def checkout(request, token):
    require_enabled()
    raise Http404
