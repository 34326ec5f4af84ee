"""The mission sheet (fiche de couverture) as an A4 PDF (reportlab), in BF1's
style (the helpers of `simulator.pdf`, like the campaign quote): the event,
the place and meeting point, the contacts, the coverage asked, the crew with
their phones, the vehicle, the desk's notes and the reference."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from simulator.pdf import (
    CONTENT_WIDTH,
    FIRST_HEADER,
    FOOTER,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    _p,
    _styles,
    _table_style,
    pdf_text,
)

from .models import Assignment, Mission
from .selectors.desk import day_label, hhmm


def _rows(st, pairs) -> Table:
    data = [
        [Paragraph(f"<b>{_p(label)}</b>", st["base"]), Paragraph(_multiline(value), st["base"])]
        for label, value in pairs
        if value
    ]
    return Table(
        data or [["", ""]],
        colWidths=[42 * mm, CONTENT_WIDTH - 42 * mm],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)],
    )


def _multiline(value) -> str:
    return "<br/>".join(_p(line) for line in str(value).splitlines()) or "—"


def render_mission_sheet(mission: Mission, *, compress: bool | None = None) -> bytes:
    st = _styles()
    request = mission.request
    reference = request.reference
    issued = timezone.localdate()
    title = _("Coverage sheet")

    def header(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, PAGE_HEIGHT - FIRST_HEADER, PAGE_WIDTH, FIRST_HEADER, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 19 * mm, "BF1")
        canvas.setFont("Helvetica", 13)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 27 * mm, pdf_text(title))
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 17 * mm, pdf_text(reference))
        canvas.setFont("Helvetica", 9.5)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            PAGE_HEIGHT - 24 * mm,
            pdf_text(_("Sheet issued on %(date)s") % {"date": day_label(issued)}),
        )
        canvas.setFillColor(colors.HexColor("#64748B"))
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(
            MARGIN, FOOTER - 8.5 * mm, pdf_text(f"BF1 · {_('Newsroom')} · {reference}")
        )
        canvas.restoreState()

    event_type = request.get_event_type_display()
    if request.event_type == "other" and request.event_type_other:
        event_type = f"{event_type} : {request.event_type_other}"
    when = _("%(date)s from %(start)s to %(end)s") % {
        "date": day_label(mission.starts_at),
        "start": hhmm(mission.starts_at),
        "end": hhmm(mission.ends_at),
    }
    story = [
        Paragraph(f"<b>{_p(request.event_title)}</b>", st["h2"]),
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
        Paragraph(_p(_("Contacts")), st["h2"]),
        _rows(
            st,
            [
                (_("Contact"), request.contact_name),
                (_("Phone"), request.contact_phone),
                (_("E-mail"), request.contact_email),
                (_("Other contacts"), request.other_contacts),
            ],
        ),
        Paragraph(_p(_("Coverage")), st["h2"]),
        _rows(
            st,
            [
                (_("Coverage type"), request.get_coverage_type_display()),
                (_("Objective"), request.objective),
                (_("Urgency"), request.get_urgency_display()),
            ],
        ),
        Paragraph(_p(_("Crew")), st["h2"]),
    ]
    crew = list(
        Assignment.objects.filter(mission=mission, is_active=True)
        .select_related("member")
        .order_by("role", "member__name", "pk")
    )
    rows = [
        [
            Paragraph(_p(_("Name")), st["th"]),
            Paragraph(_p(_("Role")), st["th"]),
            Paragraph(_p(_("Phone")), st["th"]),
            Paragraph(_p(_("Confirmed")), st["th"]),
        ]
    ]
    for assignment in crew:
        rows.append(
            [
                Paragraph(_p(assignment.member.name), st["base"]),
                Paragraph(_p(assignment.get_role_display()), st["base"]),
                Paragraph(_p(assignment.member.phone), st["base"]),
                Paragraph(_p(_("yes") if assignment.confirmed_at else _("not yet")), st["base"]),
            ]
        )
    if not crew:
        rows.append([Paragraph(_p(_("No crew assigned yet.")), st["base"]), "", "", ""])
    story.append(
        Table(
            rows,
            colWidths=[CONTENT_WIDTH - 3 * 40 * mm, 40 * mm, 40 * mm, 40 * mm],
            repeatRows=1,
            style=_table_style(),
        )
    )
    story += [
        Spacer(1, 6),
        _rows(
            st,
            [
                (_("Vehicle"), str(mission.vehicle) if mission.vehicle_id else _("none")),
                (_("Notes for the crew"), mission.notes or "—"),
                (_("Reference"), reference),
            ],
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=FIRST_HEADER + 6 * mm,
        bottomMargin=FOOTER,
        title=pdf_text(f"{title} {reference}"),
        author="BF1",
        creator="BF1 Pub",
        invariant=1,
        pageCompression=rl_config.pageCompression if compress is None else int(compress),
    )
    doc.build(story, onFirstPage=header, onLaterPages=header)
    return buffer.getvalue()


def sheet_filename(mission: Mission) -> str:
    return f"fiche-couverture-{mission.request.reference}.pdf"
