"""factory-boy factories for the editorial desk: coverage requests and their
attachments, history and delivered content; the crew and the vehicles;
missions and the assignments of the crew, and the text messages sent to them.

They build objects the way the services do:
- a request gets its "COUV-<year>-<number>" reference from its row's number
  once saved (`services.intake.format_reference`), and the first line of its
  history ("new");
- an attachment is a real PDF (or PNG with `picture=True`) stored under the
  request's folder, with its size and type as the intake checks them;
- a mission covers an accepted request at the event's times (aware, in
  Africa/Ouagadougou; an evening event may end after midnight), with the
  default travel margin;
- an assignment takes the member for the mission's time plus the travel margin
  on both sides (`selectors.desk.mission_window`), the window the
  double-booking check compares."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import factory
from django.conf import settings
from django.utils import timezone, translation
from factory.django import DjangoModelFactory
from PIL import Image

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from editorial import notices
from editorial.models import (
    Assignment,
    CoverageAttachment,
    CoverageDelivery,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    CrewMember,
    CrewRole,
    CrewStatus,
    EventType,
    Mission,
    MissionStatus,
    SmsMessage,
    SmsStatus,
    Urgency,
    Vehicle,
)
from editorial.selectors.desk import mission_window
from editorial.services.confirmation import confirm_token
from editorial.services.intake import format_reference

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
# Names of Burkina Faso, for contacts and the crew.
NAMES = [
    "Mariam Kaboré",
    "Issouf Compaoré",
    "Awa Sawadogo",
    "Boukary Ouédraogo",
    "Salimata Traoré",
    "Adama Zongo",
    "Fatimata Ilboudo",
    "Souleymane Ouattara",
    "Aminata Bationo",
    "Harouna Kinda",
]


REFUSAL = (
    "Aucune équipe disponible ce jour-là : le journal couvre la session de l'Assemblée nationale."
)


def next_week() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=7)


def email_of(name: str, domain: str) -> str:
    """ "Mariam Kaboré" -> "mariam.kabore@<domain>"."""
    plain = name.lower().translate(str.maketrans("éèëêïîôöàâç", "eeeeiiooaac"))
    return f"{plain.replace(' ', '.')}@{domain}"


def mission_text(assignment: Assignment) -> str:
    """The text message of a mission, in French, with its confirmation link."""
    with translation.override(settings.LANGUAGE_CODE):
        link = notices.confirm_url(confirm_token(assignment))
        return notices.mission_sms_text(assignment, link)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (220, 38, 38)).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Requests ------------------------------------------------------------------------


class CoverageEventFactory(DjangoModelFactory):
    """One line of a request's history: here, its arrival ("new")."""

    class Meta:
        model = CoverageEvent

    request = factory.SubFactory("editorial.tests.factories.CoverageRequestFactory")
    actor = factory.SelfAttribute("request.requester")
    from_status = ""
    to_status = CoverageStatus.NEW
    note = "Demande envoyée depuis le site."


class CoverageRequestFactory(DjangoModelFactory):
    """A new request from a visitor: a press conference next week, 09:00–11:30,
    at the ministry in Ouaga 2000. Traits: `from_client` (sent by a signed-in
    advertiser), `urgent` (tomorrow), `evening` (20:00–01:00, over midnight),
    `accepted`, `refused`."""

    class Meta:
        model = CoverageRequest
        skip_postgeneration_save = True

    class Params:
        from_client = factory.Trait(
            requester=factory.SubFactory(AdvertiserUserFactory),
            advertiser=factory.SelfAttribute("requester.advertiser"),
            contact_name=factory.LazyAttribute(lambda o: o.requester.get_full_name()),
            contact_email=factory.SelfAttribute("requester.email"),
        )
        urgent = factory.Trait(
            urgency=Urgency.URGENT,
            event_date=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=1)),
        )
        evening = factory.Trait(
            event_title="Nuit des Kundé — cérémonie de remise des prix",
            event_type=EventType.CULTURE_SPORT,
            start_time=dt.time(20, 0),
            end_time=dt.time(1, 0),
            address="Palais des Sports de Ouaga 2000",
        )
        accepted = factory.Trait(
            status=CoverageStatus.ACCEPTED,
            acceptance=factory.RelatedFactory(
                CoverageEventFactory,
                "request",
                actor=factory.SubFactory(UserFactory, roles=[Role.EDITORIAL]),
                from_status=CoverageStatus.NEW,
                to_status=CoverageStatus.ACCEPTED,
                note="",
            ),
        )
        refused = factory.Trait(
            status=CoverageStatus.REFUSED,
            status_note=REFUSAL,
            refusal=factory.RelatedFactory(
                CoverageEventFactory,
                "request",
                actor=factory.SubFactory(UserFactory, roles=[Role.EDITORIAL]),
                from_status=CoverageStatus.NEW,
                to_status=CoverageStatus.REFUSED,
                note=REFUSAL,
            ),
        )

    # A placeholder, unique, until the row's number is known (see `numbered`).
    reference = factory.LazyFunction(lambda: f"TMP-{uuid.uuid4().hex[:16]}")
    requester = None
    advertiser = None
    event_title = "Lancement de la campagne de vaccination contre la méningite"
    event_type = EventType.PRESS_CONFERENCE
    description = "Conférence de presse du ministère de la Santé, suivie d'une visite de stand."
    event_date = factory.LazyFunction(next_week)
    start_time = dt.time(9, 0)
    end_time = dt.time(11, 30)
    address = "Salle de conférence du ministère de la Santé, Ouaga 2000"
    meeting_point = "Entrée principale"
    contact_name = factory.Iterator(NAMES)
    contact_phone = "+22670112233"
    contact_email = factory.LazyAttribute(lambda o: email_of(o.contact_name, "sante.gov.bf"))
    coverage_type = CoverageType.VIDEO_REPORT
    objective = "Annoncer la campagne au JT de 19 h 30."
    urgency = Urgency.NORMAL
    status = CoverageStatus.NEW

    @factory.post_generation
    def numbered(self, create, extracted, **kwargs):
        if create and self.reference.startswith("TMP-"):
            self.reference = format_reference(timezone.localdate(self.created_at).year, self.pk)
            CoverageRequest.objects.filter(pk=self.pk).update(reference=self.reference)

    history = factory.RelatedFactory(CoverageEventFactory, "request")


class CoverageAttachmentFactory(DjangoModelFactory):
    """The invitation (a real PDF) attached to a request; `picture`: a PNG poster."""

    class Meta:
        model = CoverageAttachment

    class Params:
        # The file's bytes, and its name once stored (made safe, as the intake does).
        content = PDF_BYTES
        stored_name = "invitation-officielle.pdf"
        picture = factory.Trait(
            content=factory.LazyFunction(png_bytes),
            stored_name="affiche-de-l-evenement.png",
            original_name="Affiche de l'événement.png",
            content_type="image/png",
        )

    request = factory.SubFactory(CoverageRequestFactory)
    original_name = "Invitation officielle.pdf"
    content_type = "application/pdf"
    file = factory.django.FileField(
        data=factory.SelfAttribute("..content"), filename=factory.SelfAttribute("..stored_name")
    )
    size = factory.LazyAttribute(lambda o: len(o.content))


class CoverageDeliveryFactory(DjangoModelFactory):
    """The crew's delivered content, as a link to the edited report."""

    class Meta:
        model = CoverageDelivery

    request = factory.SubFactory(CoverageRequestFactory, status=CoverageStatus.COVERED)
    link = factory.LazyAttribute(
        lambda o: f"https://www.bf1tv.bf/reportages/{o.request.reference.lower()}"
    )
    note = "Reportage diffusé au JT de 19 h 30."
    delivered_by = factory.SubFactory(UserFactory, roles=[Role.EDITORIAL])


# --- Crew and vehicles -----------------------------------------------------------------


class CrewMemberFactory(DjangoModelFactory):
    """An available journalist. Traits: `camera`, `driver`, `resting`,
    `unavailable` (from today for three days), `inactive`, `with_account`
    (a portal account of the newsroom)."""

    class Meta:
        model = CrewMember

    class Params:
        camera = factory.Trait(role=CrewRole.CAMERA, skills="Caméra, montage, drone")
        driver = factory.Trait(role=CrewRole.DRIVER, skills="Permis C, 4x4")
        resting = factory.Trait(status=CrewStatus.RESTING)
        unavailable = factory.Trait(
            status=CrewStatus.UNAVAILABLE,
            unavailable_from=factory.LazyFunction(timezone.localdate),
            unavailable_until=factory.LazyFunction(
                lambda: timezone.localdate() + dt.timedelta(days=3)
            ),
        )
        inactive = factory.Trait(is_active=False)
        with_account = factory.Trait(
            user=factory.SubFactory(
                UserFactory,
                email=factory.SelfAttribute("..email"),
                roles=[Role.EDITORIAL],
            )
        )

    name = factory.Iterator(NAMES)
    role = CrewRole.JOURNALIST
    skills = "Reportage, interview, français et mooré"
    phone = factory.Sequence(lambda n: f"+22670{n % 1_000_000:06d}")
    # "awa.sawadogo@bf1.bf"; numbered once the names come round again.
    email = factory.LazyAttributeSequence(
        lambda o, n: email_of(o.name if n < len(NAMES) else f"{o.name} {n}", "bf1.bf")
    )
    status = CrewStatus.AVAILABLE
    is_active = True


class VehicleFactory(DjangoModelFactory):
    class Meta:
        model = Vehicle

    name = factory.Iterator(["Toyota Hilux", "Toyota Land Cruiser", "Mitsubishi L200"])
    plate = factory.Sequence(lambda n: f"11 JJ {n % 10_000:04d}")
    seats = 5
    is_active = True


# --- Missions and assignments -------------------------------------------------------------


class MissionFactory(DjangoModelFactory):
    """The mission of an accepted request, at the event's times with the default
    travel margin. Traits: `with_vehicle`, `delivered` (the content is
    delivered, the request covered), `cancelled`."""

    class Meta:
        model = Mission

    class Params:
        with_vehicle = factory.Trait(vehicle=factory.SubFactory(VehicleFactory))
        delivered = factory.Trait(
            status=MissionStatus.DELIVERED,
            request=factory.SubFactory(
                CoverageRequestFactory,
                status=CoverageStatus.COVERED,
                event_date=factory.LazyFunction(
                    lambda: timezone.localdate() - dt.timedelta(days=2)
                ),
                delivered_at=factory.LazyFunction(timezone.now),
            ),
        )
        cancelled = factory.Trait(
            status=MissionStatus.CANCELLED,
            request=factory.SubFactory(CoverageRequestFactory, refused=True),
        )

    request = factory.SubFactory(CoverageRequestFactory, accepted=True)
    starts_at = factory.SelfAttribute("request.starts_at")
    ends_at = factory.SelfAttribute("request.ends_at")
    travel_minutes = factory.LazyFunction(lambda: settings.EDITORIAL_TRAVEL_MINUTES)
    vehicle = None
    notes = "Matériel : caméra, trépied, deux micros HF. Rendez-vous à la rédaction."
    status = MissionStatus.PLANNED
    created_by = factory.SubFactory(UserFactory, roles=[Role.EDITORIAL])


class AssignmentFactory(DjangoModelFactory):
    """A crew member on a mission, in their own role, busy for the mission's time
    plus the travel margin. Traits: `notified` (told by SMS and e-mail),
    `confirmed` (they confirmed), `released` (taken off the mission)."""

    class Meta:
        model = Assignment

    class Params:
        notified = factory.Trait(notified_at=factory.LazyFunction(timezone.now))
        confirmed = factory.Trait(
            notified_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=2)),
            confirmed_at=factory.LazyFunction(timezone.now),
        )
        released = factory.Trait(is_active=False)

    mission = factory.SubFactory(MissionFactory)
    member = factory.SubFactory(CrewMemberFactory)
    role = factory.SelfAttribute("member.role")
    busy_from = factory.LazyAttribute(lambda o: mission_window(o.mission)[0])
    busy_until = factory.LazyAttribute(lambda o: mission_window(o.mission)[1])
    is_active = True
    assigned_by = factory.SelfAttribute("mission.created_by")


class SmsMessageFactory(DjangoModelFactory):
    """The text telling a crew member of their mission, queued. `sent`: the
    gateway took it; `failed`: given up after the last attempt (SMS_MAX_ATTEMPTS)."""

    class Meta:
        model = SmsMessage

    class Params:
        sent = factory.Trait(
            status=SmsStatus.SENT,
            attempts=1,
            sent_at=factory.LazyFunction(timezone.now),
            gateway_reference=factory.Sequence(lambda n: f"SMS-{n:08d}"),
        )
        failed = factory.Trait(
            status=SmsStatus.FAILED,
            attempts=factory.LazyFunction(lambda: settings.SMS_MAX_ATTEMPTS),
            last_error="Passerelle SMS injoignable (délai dépassé)",
        )

    assignment = factory.SubFactory(AssignmentFactory)
    to = factory.SelfAttribute("assignment.member.phone")
    body = factory.LazyAttribute(lambda o: mission_text(o.assignment))
    status = SmsStatus.QUEUED
