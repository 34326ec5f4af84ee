"""The broadcasters' confirmations, each a POST form of the dashboard that calls
its service: aired, missed (with a reason), a whole break, undo. A refused
action (BroadcastError) shows its French message and changes nothing; every
answer goes back to the page the form was on."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import role_required

from ..exceptions import BroadcastError
from ..models import Airing, Break
from ..services import airings as service
from .planning import DAY, PLANNING_ROLES, WEEK, Period, parse_day


def _back(request, brk: Break):
    """The page the form was posted from (its `date` and `view`), scrolled to
    the break; the break's own day when the form says nothing usable."""
    view = WEEK if request.POST.get("view") == WEEK else DAY
    day = parse_day(request.POST.get("date")) or brk.day
    return redirect(f"{Period(view=view, day=day).url()}#break-{brk.pk}")


def _airing(pk: int) -> Airing:
    return get_object_or_404(Airing.objects.select_related("break_slot"), pk=pk)


def _refused(request, error: BroadcastError) -> None:
    texts = [error.message]
    for field_messages in error.field_errors.values():
        texts += [text for text in field_messages if text not in texts]
    messages.error(request, " ".join(texts))


@role_required(*PLANNING_ROLES)
@require_POST
def confirm_aired(request, pk: int):
    airing = _airing(pk)
    try:
        service.confirm_aired(airing=airing, actor=request.user)
    except BroadcastError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Aired: %(advertiser)s at %(time)s.")
            % {"advertiser": airing.advertiser, "time": _time(airing.break_slot)},
        )
    return _back(request, airing.break_slot)


@role_required(*PLANNING_ROLES)
@require_POST
def mark_missed(request, pk: int):
    airing = _airing(pk)
    try:
        service.mark_missed(
            airing=airing, actor=request.user, reason=request.POST.get("reason", "")
        )
    except BroadcastError as error:
        _refused(request, error)
    else:
        airing.refresh_from_db()
        try:
            make_good = airing.make_good
        except Airing.DoesNotExist:
            make_good = None
        if make_good is not None:
            messages.success(
                request,
                _("Marked missed. A make-good is offered on %(moment)s.")
                % {"moment": make_good.break_slot},
            )
        else:
            messages.warning(
                request,
                _(
                    "Marked missed. No break was free for a make-good: "
                    "the commercial team will place it."
                ),
            )
    return _back(request, airing.break_slot)


@role_required(*PLANNING_ROLES)
@require_POST
def confirm_break(request, pk: int):
    brk = get_object_or_404(Break, pk=pk)
    try:
        confirmed = service.confirm_break(brk=brk, actor=request.user)
    except BroadcastError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s airing confirmed in the %(time)s break.",
                "%(count)s airings confirmed in the %(time)s break.",
                len(confirmed),
            )
            % {"count": len(confirmed), "time": _time(brk)},
        )
    return _back(request, brk)


@role_required(*PLANNING_ROLES)
@require_POST
def undo_confirmation(request, pk: int):
    airing = _airing(pk)
    try:
        service.undo_confirmation(
            airing=airing, actor=request.user, reason=request.POST.get("reason", "")
        )
    except BroadcastError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Confirmation undone: the airing is planned again."))
    return _back(request, airing.break_slot)


def _time(brk: Break) -> str:
    return f"{timezone.localtime(brk.starts_at):%H:%M}"
