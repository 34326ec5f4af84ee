"""What the desk tells people, and how: the requester of a coverage (an in-app
notification when they have an account, and an e-mail to the contact address,
the only way to reach an anonymous requester), and the crew (the mission sheet
by e-mail with its PDF, a text message, reminders).

Everything is written in the portal's language (French) whoever triggers it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.kinds import NotificationKind
from notifications.services import absolute_url, notify

from . import sms
from .models import Assignment, CoverageRequest, CoverageStatus
from .selectors.desk import day_label, hhmm

logger = logging.getLogger(__name__)


def requester_url(request: CoverageRequest) -> str:
    """The requester's page of the request, when the public side has one."""
    try:
        return request.get_absolute_url()
    except NoReverseMatch:
        return ""


def _event_line(request: CoverageRequest) -> str:
    return _("%(title)s, on %(date)s from %(start)s to %(end)s, %(address)s") % {
        "title": request.event_title,
        "date": day_label(request.event_date),
        "start": f"{request.start_time:%H:%M}",
        "end": f"{request.end_time:%H:%M}",
        "address": request.address,
    }


# --- The requester -------------------------------------------------------------------


def status_notice(request: CoverageRequest, to_status: str, note: str = "") -> tuple[str, str]:
    """(title, body) telling the requester their request moved to `to_status`."""
    ref = {"reference": request.reference}
    titles = {
        CoverageStatus.REVIEWING: _("Your coverage request %(reference)s is under review"),
        CoverageStatus.ACCEPTED: _("Your coverage request %(reference)s is accepted"),
        CoverageStatus.REFUSED: _("Your coverage request %(reference)s is refused"),
        CoverageStatus.COVERED: _("Your event %(reference)s has been covered"),
        CoverageStatus.CLOSED: _("Your coverage request %(reference)s is closed"),
    }
    bodies = {
        CoverageStatus.REVIEWING: _("The newsroom is looking at your request."),
        CoverageStatus.ACCEPTED: _(
            "BF1's newsroom will cover your event. A crew is being planned for it."
        ),
        CoverageStatus.REFUSED: _("BF1's newsroom cannot cover your event."),
        CoverageStatus.COVERED: _("The content produced for your event has been delivered."),
        CoverageStatus.CLOSED: _("The newsroom has closed your request. Thank you for your trust."),
    }
    title = titles.get(to_status, _("Your coverage request %(reference)s")) % ref
    lines = [str(bodies.get(to_status, "")), _event_line(request)]
    if note:
        label = (
            _("Reason:") if to_status == CoverageStatus.REFUSED else _("Note from the newsroom:")
        )
        lines.append(f"{label} {note}")
    return title, "\n\n".join(line for line in lines if line)


def question_notice(request: CoverageRequest, message: str) -> tuple[str, str]:
    title = _("A question from the newsroom about your request %(reference)s") % {
        "reference": request.reference
    }
    body = "\n\n".join(
        [
            _("To plan the coverage of your event, the newsroom needs more details:"),
            message,
            _event_line(request),
            _("Reply to this e-mail with the details asked."),
        ]
    )
    return title, body


def tell_requester(
    request: CoverageRequest, *, title: str, body: str, reply_to: str | None = None
) -> None:
    """A notification (kind "coverage") to the requester's account when there is
    one, and an e-mail to the request's contact address, unless that e-mail
    would reach the same address as the notification's."""
    url = requester_url(request)
    already_mailed = ""
    if request.requester_id and request.requester.is_active:
        notification = notify(
            recipient=request.requester,
            kind=NotificationKind.COVERAGE,
            title=title,
            body=body,
            url=url,
        )
        if notification.email_id:
            already_mailed = (request.requester.email or "").lower()
    contact = (request.contact_email or "").strip()
    if not contact or contact.lower() == already_mailed:
        return
    text = render_to_string(
        "editorial/email/requester.txt",
        {
            "request": request,
            "title": title,
            "body": body,
            "link": absolute_url(url) if url else "",
            "site_url": settings.SITE_URL,
        },
    )
    EmailMessage(
        subject=title[:200],
        body=text,
        to=[contact],
        reply_to=[reply_to] if reply_to else None,
    ).send()


def requester_status_changed(request: CoverageRequest, to_status: str, note: str = "") -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title, body = status_notice(request, to_status, note)
        tell_requester(request, title=title, body=body)


def requester_question(request: CoverageRequest, message: str, *, actor=None) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title, body = question_notice(request, message)
        reply_to = getattr(actor, "email", "") or None
        tell_requester(request, title=title, body=body, reply_to=reply_to)


# --- The crew ------------------------------------------------------------------------


def mission_summary(assignment: Assignment) -> dict:
    mission = assignment.mission
    request = mission.request
    return {
        "reference": request.reference,
        "title": request.event_title,
        "date": day_label(mission.starts_at),
        "start": hhmm(mission.starts_at),
        "end": hhmm(mission.ends_at),
        "address": request.address,
    }


def mission_sms_text(assignment: Assignment, link: str, *, reminder: bool = False) -> str:
    values = {**mission_summary(assignment), "link": link}
    if reminder:
        text = _(
            "BF1 reminder: please confirm mission %(reference)s, %(title)s, %(date)s "
            "%(start)s-%(end)s, %(address)s. Confirm: %(link)s"
        )
    else:
        text = _(
            "BF1 mission %(reference)s: %(title)s, %(date)s %(start)s-%(end)s, %(address)s. "
            "Sheet sent by e-mail. Confirm: %(link)s"
        )
    return text % values


def send_mission_to_crew_member(
    assignment: Assignment, *, link: str, pdf: bytes | None, reminder: bool = False
) -> None:
    """The mission sheet by e-mail (PDF attached) and a text message with the
    confirmation link. A member without e-mail gets the text message only."""
    member = assignment.member
    with translation.override(settings.LANGUAGE_CODE):
        summary = mission_summary(assignment)
        if member.email:
            if reminder:
                subject = _("Reminder: confirm mission %(reference)s · %(title)s") % summary
            else:
                subject = _("BF1 mission %(reference)s · %(title)s") % summary
            text = render_to_string(
                "editorial/email/crew_mission.txt",
                {
                    "assignment": assignment,
                    "member": member,
                    "mission": assignment.mission,
                    "request": assignment.mission.request,
                    "summary": summary,
                    "role": assignment.get_role_display(),
                    "link": link,
                    "reminder": reminder,
                    "max_age_hours": settings.EDITORIAL_CONFIRM_MAX_AGE_HOURS,
                },
            )
            message = EmailMessage(subject=subject[:200], body=text, to=[member.email])
            if pdf:
                message.attach(f"fiche-mission-{summary['reference']}.pdf", pdf, "application/pdf")
            message.send()
        if member.phone:
            sms.queue_sms(
                to=member.phone,
                text=mission_sms_text(assignment, link, reminder=reminder),
                assignment=assignment,
            )


def crew_member_released(assignment: Assignment) -> None:
    """Tell a member taken off a mission they had been told about."""
    member = assignment.member
    with translation.override(settings.LANGUAGE_CODE):
        summary = mission_summary(assignment)
        text = (
            _(
                "BF1: you are no longer on mission %(reference)s (%(title)s, %(date)s "
                "%(start)s-%(end)s)."
            )
            % summary
        )
        if member.email:
            EmailMessage(
                subject=(_("Mission %(reference)s: you are released") % summary)[:200],
                body=text,
                to=[member.email],
            ).send()
        if member.phone:
            sms.queue_sms(to=member.phone, text=text, assignment=assignment)


def confirm_url(token: str) -> str:
    return absolute_url(reverse("mission_confirm:confirm", args=[token]))
