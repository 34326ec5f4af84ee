"""The page a crew member opens from the mission sheet's link: the mission
shown on GET, confirmed by a POST on its "Je confirme" button (never on GET,
so that a link preview or a virus scanner confirms nothing). An expired or
tampered link gets a French message and changes nothing. No account needed:
the signed link is the proof."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..exceptions import EditorialError
from ..selectors.desk import mission_crew
from ..services import confirmation


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_mission(request, token: str):
    try:
        assignment = confirmation.assignment_from_token(token)
    except EditorialError as error:
        return TemplateResponse(
            request,
            "editorial/confirm/invalid.html",
            {
                "title": _("Link not valid")
                if not isinstance(error, confirmation.ExpiredLink)
                else _("Link expired"),
                "text": error.message,
            },
            status=400,
        )
    if request.method == "POST":
        try:
            confirmation.confirm(assignment=assignment)
        except EditorialError as error:
            return TemplateResponse(
                request,
                "editorial/confirm/invalid.html",
                {"title": _("Nothing to confirm"), "text": error.message},
                status=400,
            )
        messages.success(request, _("Thank you: your presence on this mission is confirmed."))
        return redirect(request.path)
    mission = assignment.mission
    return TemplateResponse(
        request,
        "editorial/confirm/mission.html",
        {
            "assignment": assignment,
            "mission": mission,
            "coverage": mission.request,
            "crew": mission_crew(mission),
        },
    )
