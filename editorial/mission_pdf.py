"""The mission sheet (fiche de couverture) as an A4 PDF, a BF1 letter
(`core.pdf`, like the campaign quote): the event, the place and meeting point,
the contacts, the coverage asked, the crew with their phones, the vehicle, the
desk's notes and the reference. This module builds only the content."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from core.pdf import CONTENT_WIDTH, LETTER, Letterhead, build_pdf, para, styles, table_style

from .labels import urgency_label
from .models import Assignment, Mission
from .selectors.desk import day_label, hhmm


def _rows(st, pairs) -> Table:
    data = [
        [Paragraph(f"<b>{para(label)}</b>", st["base"]), Paragraph(_multiline(value), st["base"])]
        for label, value in pairs
        if value
    ]
    return Table(
        data or [["", ""]],
        colWidths=[42 * mm, CONTENT_WIDTH - 42 * mm],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)],
    )


def _multiline(value) -> str:
    return "<br/>".join(para(line) for line in str(value).splitlines()) or "—"


def _crew_table(mission: Mission, st) -> Table:
    crew = list(
        Assignment.objects.filter(mission=mission, is_active=True)
        .select_related("member")
        .order_by("role", "member__name", "pk")
    )
    rows = [
        [
            Paragraph(para(_("Name")), st["th"]),
            Paragraph(para(_("Role")), st["th"]),
            Paragraph(para(_("Phone")), st["th"]),
            Paragraph(para(_("Confirmed")), st["th"]),
        ]
    ]
    for assignment in crew:
        rows.append(
            [
                Paragraph(para(assignment.member.name), st["base"]),
                Paragraph(para(assignment.get_role_display()), st["base"]),
                Paragraph(para(assignment.member.phone), st["base"]),
                Paragraph(para(_("yes") if assignment.confirmed_at else _("not yet")), st["base"]),
            ]
        )
    if not crew:
        rows.append([Paragraph(para(_("No crew assigned yet.")), st["base"]), "", "", ""])
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 3 * 40 * mm, 40 * mm, 40 * mm, 40 * mm],
        repeatRows=1,
        style=table_style(),
    )


def _story(mission: Mission, st) -> list:
    request = mission.request
    event_type = request.get_event_type_display()
    if request.event_type == "other" and request.event_type_other:
        event_type = f"{event_type} : {request.event_type_other}"
    when = _("%(date)s from %(start)s to %(end)s") % {
        "date": day_label(mission.starts_at),
        "start": hhmm(mission.starts_at),
        "end": hhmm(mission.ends_at),
    }
    return [
        Paragraph(f"<b>{para(request.event_title)}</b>", st["h2"]),
        _rows(
            st,
            [
                (_("Event type"), event_type),
                (_("When"), when),
                (
                    _("Travel margin"),
                    _("%(minutes)s min before and after") % {"minutes": mission.travel_minutes},
                ),
                (_("Venue"), request.address),
                (_("Meeting point"), request.meeting_point or "—"),
                (_("Description"), request.description),
            ],
        ),
        Paragraph(para(_("Contacts")), st["h2"]),
        _rows(
            st,
            [
                (_("Contact"), request.contact_name),
                (_("Phone"), request.contact_phone),
                (_("E-mail"), request.contact_email),
                (_("Other contacts"), request.other_contacts),
            ],
        ),
        Paragraph(para(_("Coverage")), st["h2"]),
        _rows(
            st,
            [
                (_("Coverage type"), request.get_coverage_type_display()),
                (_("Objective"), request.objective),
                (_("Urgency"), urgency_label(request.urgency)),
            ],
        ),
        Paragraph(para(_("Crew")), st["h2"]),
        _crew_table(mission, st),
        Spacer(1, 6),
        _rows(
            st,
            [
                (_("Vehicle"), str(mission.vehicle) if mission.vehicle_id else _("none")),
                (_("Notes for the crew"), mission.notes or "—"),
                (_("Reference"), request.reference),
            ],
        ),
    ]


def render_mission_sheet(mission: Mission, *, compress: bool | None = None) -> bytes:
    reference = mission.request.reference
    title = _("Coverage sheet")
    head = Letterhead(
        title=title,
        reference=reference,
        detail=_("Sheet issued on %(date)s") % {"date": day_label(timezone.localdate())},
        footer=f"{_('Newsroom')} · {reference}",
        layout=LETTER,
        doc_title=f"{title} {reference}",
    )
    return build_pdf(_story(mission, styles()), head, compress=compress)


def sheet_filename(mission: Mission) -> str:
    return f"fiche-couverture-{mission.request.reference}.pdf"
