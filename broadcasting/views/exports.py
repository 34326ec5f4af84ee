"""Running-order exports of the day or the week shown on the dashboard:
`/diffusion/export/<csv|xlsx|pdf>/?date=YYYY-MM-DD&view=day|week`."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from accounts.permissions import role_required

from .. import exports
from .planning import PLANNING_ROLES, read_period


@role_required(*PLANNING_ROLES)
@require_GET
def export(request, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    period = read_period(request, warn=False)
    content = exports.render(fmt, period.first, period.last)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, exports.export_filename(period.first, period.last, fmt)
    )
    response["Cache-Control"] = "private, no-store"
    return response
