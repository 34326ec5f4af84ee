"""Who may open what: every URL pattern of the project, walked from the resolver,
checked as each persona against the declared table below.

A route that the resolver knows but the table does not declare fails
`test_every_route_is_declared`: when you add a route, declare who may open it in
ACCESS (project routes, walked for every persona) or, for a third-party area, in
WHOLESALE with a few representative URLs. WebSocket routes, walked from the ASGI
application, are declared the same way in WS_ACCESS (end of this file)."""

from __future__ import annotations

import importlib.util
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from asgiref.sync import async_to_sync
from channels.auth import AuthMiddleware
from channels.routing import URLRouter
from channels.security.websocket import OriginValidator
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from notifications import services as notification_services
from simulator.demo import ensure_demo_rate_card

PERSONAS = [
    "anonymous",
    "advertiser_a",
    "advertiser_b",
    "broadcaster",
    "editorial",
    "administrator",
    "accountant",
]
SIGNED_IN = PERSONAS[1:]

OK = "ok"  # 200
LOGIN = "login"  # 302 to a login page
REDIRECT = "redirect"  # 302 anywhere else
FORBIDDEN = "forbidden"  # 403
NOT_ALLOWED = "405"
NOT_FOUND = "404"
BAD_REQUEST = "400"

LOGIN_PATHS = {"/login/", "/admin/login/"}


def outcomes(default: str | None = None, **per_persona: str) -> dict[str, str]:
    """{persona: outcome}: `default` for everyone, then the exceptions."""
    table = dict.fromkeys(PERSONAS, default)
    table.update(per_persona)
    missing = [persona for persona, outcome in table.items() if outcome is None]
    assert not missing, f"no outcome for {missing}"
    return table


def signed_in_only(outcome: str, **per_persona: str) -> dict[str, str]:
    return outcomes(outcome, anonymous=LOGIN, **per_persona)


def only(allowed: list[str], outcome: str = OK) -> dict[str, str]:
    """Open to the `allowed` personas; 403 to the other signed-in ones."""
    return outcomes(FORBIDDEN, anonymous=LOGIN, **dict.fromkeys(allowed, outcome))


@dataclass
class World:
    """Objects the URLs point at, all owned by advertiser_a."""

    notification: object
    photo: str  # advertiser_a's profile photo, relative to MEDIA_ROOT
    campaign: object = None  # advertiser_a's draft campaign (spot upload routes)
    made_spot: object = None  # set by `made_spot` (the client's answer to a made spot)
    assignment: object = None  # set by `mission_confirm_token` (the crew's confirmation)
    thread: object = None  # set by `own_thread` (advertiser_a's conversation)


def _issued_invoice(world: World):
    """An issued invoice of advertiser_a (with a credit note), made once per test."""
    if getattr(world, "_invoice", None) is None:
        from accounts.roles import Role
        from accounts.tests.factories import UserFactory
        from billing.services.credit_notes import create_credit_note
        from billing.services.drafts import create_draft
        from billing.services.issue import issue_invoice
        from billing.tests.factories import campaign_on_air

        maker = UserFactory(email="facturation@bf1.bf", roles=[Role.ADMINISTRATOR], is_staff=True)
        campaign, _airings = campaign_on_air(aired=1, user=world.campaign.created_by)
        invoice = issue_invoice(invoice=create_draft(campaign=campaign, actor=maker), actor=maker)
        note = create_credit_note(
            invoice=invoice, actor=maker, reason="gesture", explanation="Geste", amount=100
        )
        from billing.services.credit_notes import issue_credit_note

        world._invoice = (invoice, issue_credit_note(credit_note=note, actor=maker))
    return world._invoice


def own_invoice(world: World) -> dict:
    return {"uuid": _issued_invoice(world)[0].uuid}


def own_credit_note(world: World) -> dict:
    return {"uuid": _issued_invoice(world)[1].uuid}


@dataclass
class Rule:
    get: dict[str, str]
    post: dict[str, str] | None = None
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    # Called after the POST as (persona name, world) to check its effect.
    after_post: Callable[[str, World], None] | None = None
    # A JSON body for the POST (an API), instead of an empty form.
    post_json: dict | None = None


def own_photo(world: World) -> dict:
    return {"path": world.photo}


def upload_campaign(world: World) -> dict:
    return {"uuid": world.campaign.uuid}


def unknown_upload(world: World) -> dict:
    return {"uuid": world.campaign.uuid, "upload_id": "0" * 32}


def made_spot(world: World) -> dict:
    """A spot BF1 made for a creation request of advertiser_a, in production,
    awaiting advertiser_a's answer (made for the test that asks for it)."""
    from campaigns.models import CreativeMode, ReviewState, Status
    from campaigns.tests.factories import CampaignFactory, SpotFactory

    campaign = CampaignFactory(
        user=world.campaign.created_by, status=Status.IN_PRODUCTION, creative_mode=CreativeMode.MAKE
    )
    world.made_spot = SpotFactory(
        campaign=campaign, made_by_team=True, review_state=ReviewState.AWAITING_CLIENT
    )
    return {"uuid": campaign.uuid, "spot_uuid": world.made_spot.uuid}


def only_the_client_approves(persona: str, world: World) -> None:
    world.made_spot.refresh_from_db()
    approved = world.made_spot.review_state == "approved"
    assert approved is (persona == "advertiser_a"), "IDOR on the made spot's approval"


def no_change_without_a_reason(persona: str, world: World) -> None:
    world.made_spot.refresh_from_db()
    assert world.made_spot.review_state == "awaiting_client"


def _aired_campaign(world: World):
    """An approved campaign of advertiser_a with one airing confirmed aired
    yesterday (made for the test that asks for it: certificate routes)."""
    import datetime as dt

    from django.utils import timezone

    from broadcasting.models import Airing, AiringStatus, Break
    from campaigns.models import Status
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(user=world.campaign.created_by, status=Status.AIRING)
    starts = timezone.now() - dt.timedelta(days=1)
    brk = Break.objects.create(
        day=timezone.localdate(starts), starts_at=starts, band_code="prime-time", label="JT"
    )
    Airing.objects.create(
        break_slot=brk,
        campaign=campaign,
        advertiser=campaign.advertiser,
        band_code="prime-time",
        length=30,
        unit_price=87750,
        status=AiringStatus.AIRED,
        confirmed_at=starts,
    )
    return campaign


def aired_campaign(world: World) -> dict:
    return {"uuid": _aired_campaign(world).uuid}


def issued_certificate(world: World) -> dict:
    """A broadcast certificate of advertiser_a (public check route)."""
    from broadcasting.services.certificates import issue_certificate

    campaign = _aired_campaign(world)
    certificate, _airings = issue_certificate(
        advertiser=campaign.advertiser, issued_by=None, campaign=campaign
    )
    return {"code": certificate.code}


def notification_pk(world: World) -> dict:
    return {"pk": world.notification.pk}


def mission_confirm_token(world: World) -> dict:
    """The signed link sent to a journalist assigned to an accepted request's
    mission (made for the test that asks for it)."""
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory
    from editorial.services import desk, missions
    from editorial.tests.desk_fixtures import make_member
    from editorial.tests.desk_fixtures import make_request as make_desk_request

    manager = UserFactory(roles=[Role.EDITORIAL])
    mission = desk.accept(request=make_desk_request(), actor=manager)
    world.assignment = missions.assign(
        mission=mission, member=make_member(), role="journalist", actor=manager
    )
    return {"token": missions.confirm_token(world.assignment)}


def mission_confirmed(persona: str, world: World) -> None:
    world.assignment.refresh_from_db()
    assert world.assignment.confirmed_at is not None


def own_coverage_request(world: World) -> dict:
    """A coverage request sent by advertiser_a (the requester's space)."""
    from editorial.tests.intake_support import make_request

    return {"uuid": make_request(requester=world.campaign.created_by).uuid}


def own_export_job(world: World) -> dict:
    """A finished export of advertiser_a, its file in the media storage."""
    import datetime as dt

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from reports.models import ExportJob

    user = world.campaign.created_by
    path = default_storage.save("reports/exports/matrix.csv", ContentFile(b"a;b\r\n"))
    job = ExportJob.objects.create(
        requester=user,
        advertiser=user.advertiser,
        dataset="airings",
        format="csv",
        status="done",
        progress=100,
        file_path=path,
        file_name="passages.csv",
        finished_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(hours=24),
    )
    return {"uuid": job.uuid}


def own_thread(world: World) -> dict:
    """A conversation opened by advertiser_a (one message), made for the test."""
    from conversations.services import open_thread

    world.thread = open_thread(
        author=world.campaign.created_by, kind="question", title="Horaires", body="Bonjour"
    )
    return {"pk": world.thread.pk}


def own_message(world: World) -> dict:
    """advertiser_a's first message in its conversation (editable for 5 minutes)."""
    kwargs = own_thread(world)
    return {**kwargs, "message_pk": world.thread.last_message_id}


def thread_unchanged(persona: str, world: World) -> None:
    """An empty reply or correction changes nothing, whoever sends it."""
    world.thread.refresh_from_db()
    assert world.thread.message_count == 1
    assert world.thread.messages.get().body == "Bonjour"


def only_participants_close(persona: str, world: World) -> None:
    world.thread.refresh_from_db()
    closed = world.thread.status == "closed"
    assert closed is (persona in ("advertiser_a", "administrator")), "IDOR on closing a thread"


def own_airing(world: World) -> dict:
    """An airing of advertiser_a (a broadcaster's problem report is about it)."""
    from broadcasting.models import Airing

    return {"pk": Airing.objects.filter(campaign=_aired_campaign(world)).get().pk}


def no_problem_report_kept(persona: str, world: World) -> None:
    """An empty report is refused, whoever sends it."""
    from conversations.models import Thread

    assert not Thread.objects.filter(kind="problem").exists()


def only_the_owner_marks_read(persona: str, world: World) -> None:
    world.notification.refresh_from_db()
    assert world.notification.is_read is (persona == "advertiser_a"), "IDOR on mark_read"


def all_read_only_for_own(persona: str, world: World) -> None:
    world.notification.refresh_from_db()
    assert world.notification.is_read is (persona == "advertiser_a")


def preferences_only_for_self(persona: str, world: World) -> None:
    from notifications.models import NotificationPreference

    owner = world.notification.recipient  # advertiser_a
    saved = NotificationPreference.objects.filter(user=owner).exists()
    assert saved is (persona == "advertiser_a"), "one user changed another's e-mail choices"


def signed_out(persona: str, world: World) -> None:
    """Checked by the test through the session (see test_project_route)."""


# A valid quote request on the demo rate card (see the `world` fixture).
QUOTE_REQUEST = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-14",
    "bands": [{"band": "prime-time", "airings": 10}],
}


# --- Project routes: walked for every persona ------------------------------------
ACCESS: dict[str, Rule] = {
    "healthz": Rule(get=outcomes(OK), post=outcomes(NOT_ALLOWED)),
    "home": Rule(get=outcomes(OK)),
    # uploaded files: a profile photo reaches its owner and the administrators only
    "private_media": Rule(
        get=outcomes(NOT_FOUND, advertiser_a=OK, administrator=OK),
        post=outcomes(NOT_ALLOWED),
        kwargs=own_photo,
    ),
    # accounts
    "accounts:login": Rule(get=outcomes(REDIRECT, anonymous=OK)),
    "accounts:logout": Rule(
        get=outcomes(NOT_ALLOWED), post=outcomes(REDIRECT), after_post=signed_out
    ),
    "accounts:home": Rule(get=signed_in_only(REDIRECT)),
    "accounts:register": Rule(get=outcomes(REDIRECT, anonymous=OK)),
    "accounts:confirm_email": Rule(
        get=outcomes(BAD_REQUEST), kwargs=lambda world: {"token": "forged.token:1abc:xyz"}
    ),
    "accounts:resend_confirmation": Rule(get=outcomes(OK)),
    "accounts:profile": Rule(get=signed_in_only(OK)),
    "accounts:password_reset": Rule(get=outcomes(OK)),
    "accounts:password_reset_done": Rule(get=outcomes(OK)),
    "accounts:password_reset_confirm": Rule(
        get=outcomes(OK),  # the page says the link is invalid
        kwargs=lambda world: {"uidb64": "MQ", "token": "bad-token"},
    ),
    "accounts:password_reset_complete": Rule(get=outcomes(OK)),
    # client area
    "campaigns:dashboard": Rule(get=only(["advertiser_a", "advertiser_b"])),
    # booking wizard and campaign pages (campaigns/views/): own campaigns only
    "campaigns:create": Rule(
        get=only(["advertiser_a", "advertiser_b"]),
        post=only(["advertiser_a", "advertiser_b"]),  # empty form: shown again with errors
    ),
    "campaigns:detail": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=outcomes(NOT_ALLOWED),
        kwargs=upload_campaign,
    ),
    "campaigns:edit": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},  # empty step 1: errors
        kwargs=upload_campaign,
    ),
    "campaigns:quote_pdf": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=outcomes(NOT_ALLOWED),
        kwargs=upload_campaign,
    ),
    "campaigns:cancel": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT) | {"advertiser_b": NOT_FOUND},
        kwargs=upload_campaign,
    ),
    "campaigns:duplicate": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT) | {"advertiser_b": NOT_FOUND},
        kwargs=upload_campaign,
    ),
    # the client's answer to the spot BF1 made (campaigns/views/spot_review.py)
    "campaigns:spot_approve": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT) | {"advertiser_b": NOT_FOUND},
        kwargs=made_spot,
        after_post=only_the_client_approves,
    ),
    "campaigns:spot_request_changes": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT) | {"advertiser_b": NOT_FOUND},  # no reason
        kwargs=made_spot,
        after_post=no_change_without_a_reason,
    ),
    # spot upload (campaigns/urls/upload.py): the campaign's advertiser only
    "campaigns:spot_upload:page": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=only(["advertiser_a"], BAD_REQUEST) | {"advertiser_b": NOT_FOUND},  # no file
        kwargs=upload_campaign,
    ),
    "campaigns:spot_upload:start": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a"], BAD_REQUEST) | {"advertiser_b": NOT_FOUND},  # no size
        kwargs=upload_campaign,
    ),
    "campaigns:spot_upload:status": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_FOUND),  # unknown upload
        post=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        kwargs=unknown_upload,
    ),
    "campaigns:spot_upload:chunk": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a"], BAD_REQUEST) | {"advertiser_b": NOT_FOUND},  # no offset
        kwargs=unknown_upload,
    ),
    "campaigns:spot_upload:finish": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a", "advertiser_b"], NOT_FOUND),  # unknown upload
        kwargs=unknown_upload,
    ),
    "campaigns:spot_upload:abort": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a", "advertiser_b"], NOT_FOUND),  # unknown upload
        kwargs=unknown_upload,
    ),
    # planning dashboard (broadcasting/urls.py): the broadcasting team only
    "broadcasting:dashboard": Rule(get=only(["broadcaster", "administrator"])),
    # a spot's technical report, loaded on demand by the day page (an unknown spot: 404)
    "broadcasting:spot_report": Rule(
        get=only(["broadcaster", "administrator"], NOT_FOUND),
        post=only(["broadcaster", "administrator"], NOT_ALLOWED),
        kwargs=lambda world: {"pk": 999999},
    ),
    "broadcasting:fragment": Rule(
        get=only(["broadcaster", "administrator"]),
        post=only(["broadcaster", "administrator"], NOT_ALLOWED),
    ),
    "broadcasting:export": Rule(
        get=only(["broadcaster", "administrator"]),
        post=only(["broadcaster", "administrator"], NOT_ALLOWED),
        kwargs=lambda world: {"fmt": "csv"},
    ),
    # "Signaler un problème" on an airing or a spot: the broadcasting team only (an
    # empty POST shows the form again with its errors; an unknown spot: 404)
    "broadcasting:airing_problem": Rule(
        get=only(["broadcaster", "administrator"]),
        post=only(["broadcaster", "administrator"]),
        kwargs=own_airing,
        after_post=no_problem_report_kept,
    ),
    "broadcasting:spot_problem": Rule(
        get=only(["broadcaster", "administrator"], NOT_FOUND),
        post=only(["broadcaster", "administrator"], NOT_FOUND),
        kwargs=lambda world: {"pk": 999999},
    ),
    # confirmations: POST only; an unknown airing or break answers 404
    **{
        f"broadcasting:{name}": Rule(
            get=only(["broadcaster", "administrator"], NOT_ALLOWED),
            post=only(["broadcaster", "administrator"], NOT_FOUND),
            kwargs=lambda world: {"pk": 999999},
        )
        for name in ("confirm_aired", "mark_missed", "undo", "confirm_break")
    },
    # the advertiser's airings and certificates (broadcasting/urls/advertiser.py)
    "broadcasts:calendar": Rule(
        get=only(["advertiser_a", "advertiser_b"]), post=outcomes(NOT_ALLOWED)
    ),
    "broadcasts:campaign_certificate": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=outcomes(NOT_ALLOWED),
        kwargs=aired_campaign,
    ),
    # no period given: back to the calendar with a message
    "broadcasts:period_certificate": Rule(
        get=only(["advertiser_a", "advertiser_b"], REDIRECT), post=outcomes(NOT_ALLOWED)
    ),
    # public check of a certificate (throttled per address)
    "verify:form": Rule(get=outcomes(OK), post=outcomes(NOT_ALLOWED)),
    "verify:certificate": Rule(
        get=outcomes(OK), post=outcomes(NOT_ALLOWED), kwargs=issued_certificate
    ),
    # simulator API: public, throttled per address (a JSON POST prices a quote)
    "simulator:api_rate_card": Rule(get=outcomes(OK), post=outcomes(NOT_ALLOWED)),
    "simulator:api_quote": Rule(
        get=outcomes(NOT_ALLOWED), post=outcomes(OK), post_json=QUOTE_REQUEST
    ),
    # the help assistant (assistant/urls.py, /aide/): public; an empty question is
    # shown again with its error; feedback and hand-off act on this browser's own
    # questions only (none here: 404); the widget's JSON endpoints are POST only.
    "assistant:help": Rule(get=outcomes(OK), post=outcomes(BAD_REQUEST)),
    "assistant:feedback": Rule(get=outcomes(NOT_ALLOWED), post=outcomes(NOT_FOUND)),
    "assistant:hand_off": Rule(get=outcomes(NOT_ALLOWED), post=outcomes(NOT_FOUND)),
    "assistant:api_question": Rule(
        get=outcomes(NOT_ALLOWED), post=outcomes(OK), post_json={"question": "format vidéo"}
    ),
    "assistant:api_feedback": Rule(
        get=outcomes(NOT_ALLOWED),
        post=outcomes(NOT_FOUND),
        post_json={"question_id": 999999, "helpful": False},
    ),
    "assistant:api_hand_off": Rule(
        get=outcomes(NOT_ALLOWED), post=outcomes(NOT_FOUND), post_json={"question_id": 999999}
    ),
    # notifications
    "notifications:inbox": Rule(get=signed_in_only(OK)),
    # another user's notification answers 404
    "notifications:mark_read": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(NOT_FOUND, advertiser_a=REDIRECT),
        kwargs=notification_pk,
        after_post=only_the_owner_marks_read,
    ),
    "notifications:open": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(NOT_FOUND, advertiser_a=REDIRECT),
        kwargs=notification_pk,
        after_post=only_the_owner_marks_read,
    ),
    # each signed-in user saves their own e-mail choices (empty form: all off)
    "notifications:email_preferences": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(REDIRECT),
        after_post=preferences_only_for_self,
    ),
    "notifications:mark_all_read": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(REDIRECT),
        after_post=all_read_only_for_own,
    ),
    # conversations (conversations/urls.py, /messages/): the threads each user sees
    # (selectors.visible_threads); another company's thread answers 404. Advertisers
    # (and requesters without a role) open threads here, the staff from the admin.
    "conversations:list": Rule(get=signed_in_only(OK), post=signed_in_only(NOT_ALLOWED)),
    "conversations:new": Rule(
        get=only(["advertiser_a", "advertiser_b"]),
        post=only(["advertiser_a", "advertiser_b"]),  # empty form: shown again with errors
    ),
    "conversations:thread": Rule(
        get=signed_in_only(NOT_FOUND, advertiser_a=OK, administrator=OK),
        post=signed_in_only(NOT_FOUND, advertiser_a=OK, administrator=OK),  # empty reply
        kwargs=own_thread,
        after_post=thread_unchanged,
    ),
    "conversations:close": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(NOT_FOUND, advertiser_a=REDIRECT, administrator=REDIRECT),
        kwargs=own_thread,
        after_post=only_participants_close,
    ),
    "conversations:edit": Rule(
        get=signed_in_only(NOT_FOUND, advertiser_a=OK),  # one's own message only
        post=signed_in_only(NOT_FOUND, advertiser_a=OK),  # empty: shown again with errors
        kwargs=own_message,
        after_post=thread_unchanged,
    ),
    # an open thread's polling (JSON of the messages after ?after=): its readers only
    "conversations:new_messages": Rule(
        get=signed_in_only(NOT_FOUND, advertiser_a=OK, administrator=OK),
        post=signed_in_only(NOT_ALLOWED),
        kwargs=own_thread,
    ),
    # coverage requests (editorial/urls.py): the form is public (an empty POST
    # shows step 1 again with its errors); the requester's space is theirs only
    "editorial:request_create": Rule(get=outcomes(OK), post=outcomes(OK)),
    # nothing sent from this session: back to the form
    "editorial:request_sent": Rule(get=outcomes(REDIRECT), post=outcomes(NOT_ALLOWED)),
    "editorial:request_list": Rule(get=signed_in_only(OK), post=outcomes(NOT_ALLOWED)),
    "editorial:request_detail": Rule(
        get=signed_in_only(NOT_FOUND, advertiser_a=OK),
        post=outcomes(NOT_ALLOWED),
        kwargs=own_coverage_request,
    ),
    # the crew's confirmation page (editorial/urls/confirm.py): the signed link is
    # the proof, no account needed; GET shows the mission, POST confirms it
    "mission_confirm:confirm": Rule(
        get=outcomes(OK),
        post=outcomes(REDIRECT),
        kwargs=mission_confirm_token,
        after_post=mission_confirmed,
    ),
    # reports (reports/urls.py): an advertiser sees its own report, the commercial
    # administrators are sent to the admin overview (/admin/reports/overview/)
    # billing (billing/urls.py): the advertiser's own documents only; another
    # company's invoice is a 404, staff work in the admin's "Facturation"
    "billing:overview": Rule(
        get=only(["advertiser_a", "advertiser_b"]), post=outcomes(NOT_ALLOWED)
    ),
    "billing:statement_pdf": Rule(
        get=only(["advertiser_a", "advertiser_b"]), post=outcomes(NOT_ALLOWED)
    ),
    **{
        f"billing:{name}": Rule(
            get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
            post=outcomes(NOT_ALLOWED),
            kwargs=kwargs,
        )
        for name, kwargs in (
            ("invoice", own_invoice),
            ("invoice_pdf", own_invoice),
            ("credit_note", own_credit_note),
            ("credit_note_pdf", own_credit_note),
        )
    },
    "reports:overview": Rule(
        get=only(["advertiser_a", "advertiser_b"]) | {"administrator": REDIRECT},
        post=outcomes(NOT_ALLOWED),
    ),
    # report exports (reports/urls.py): the overview's people, an advertiser
    # its own figures only; a long export's job is its requester's only
    **{
        f"reports:{name}": Rule(
            get=only(["advertiser_a", "advertiser_b", "administrator"]),
            post=outcomes(NOT_ALLOWED),
        )
        for name in ("export_xlsx", "export_pdf", "export_csv")
    },
    **{
        f"reports:{name}": Rule(
            get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND, "administrator": NOT_FOUND},
            post=outcomes(NOT_ALLOWED),
            kwargs=own_export_job,
        )
        for name in ("export_job", "export_job_status", "export_job_download")
    },
    # "Relancer" (POST only): the requester's (here a finished job: sent back to it)
    "reports:export_job_relaunch": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT)
        | {"advertiser_b": NOT_FOUND, "administrator": NOT_FOUND},
        kwargs=own_export_job,
    ),
    # online payments (payments/urls.py): off by default (ENABLE_PAYMENTS), every
    # route answers 404 to everyone, before any sign-in or role check; the
    # providers' webhook is POST only (a GET is a 405 before the switch is read)
    **{
        f"payments:{name}": Rule(get=outcomes(NOT_FOUND), post=outcomes(NOT_FOUND), kwargs=kwargs)
        for name, kwargs in (
            ("pay", lambda world: {"uuid": "00000000-0000-4000-8000-000000000000"}),
            ("status", lambda world: {"reference": "BF1000000000000000000000000"}),
            ("receipt", lambda world: {"reference": "BF1000000000000000000000000"}),
            ("sandbox", lambda world: {"token": "no-such-sandbox-token"}),
        )
    },
    "payments:notify": Rule(
        get=outcomes(NOT_FOUND),
        post=outcomes(NOT_FOUND),
        kwargs=lambda world: {"provider": "sandbox"},
    ),
}


# --- Third-party areas: declared whole, checked on representative URLs ------------
@dataclass
class Area:
    description: str
    matches: Callable[[str, str], bool]  # (route, name) -> bool
    samples: list[tuple[str, dict[str, str]]]  # (URL or "name:<url name>", outcomes)


STAFF_ADMIN = outcomes(LOGIN, editorial=OK, administrator=OK, accountant=REDIRECT)
BILLING_STAFF = outcomes(LOGIN, editorial=REDIRECT, administrator=OK, accountant=OK)

WHOLESALE: list[Area] = [
    Area(
        "Wagtail admin (/admin/...)",
        lambda route, name: route.startswith("admin/"),
        [
            ("/admin/", STAFF_ADMIN),
            ("/admin/editorial/", STAFF_ADMIN),
            # "Rédaction" (editorial/admin/): the
            # editorial managers and the administrators only.
            *(
                (url, STAFF_ADMIN)
                for url in (
                    "/admin/editorial/planning/",
                    "/admin/editorial/planning/?view=month",
                    "/admin/editorial/requests/",
                    "/admin/editorial/crew/",
                    "/admin/editorial/crew/new/",
                    "/admin/editorial/vehicles/",
                    "/admin/editorial/vehicles/new/",
                )
            ),
            *(
                (url, outcomes(LOGIN, editorial=NOT_FOUND, administrator=NOT_FOUND))
                for url in (
                    "/admin/editorial/requests/999999/",
                    "/admin/editorial/requests/999999/review/",
                    "/admin/editorial/requests/999999/accept/",
                    "/admin/editorial/requests/999999/refuse/",
                    "/admin/editorial/requests/999999/ask/",
                    "/admin/editorial/requests/999999/deliver/",
                    "/admin/editorial/requests/999999/covered/",
                    "/admin/editorial/requests/999999/close/",
                    "/admin/editorial/requests/999999/mission/",
                    "/admin/editorial/requests/999999/assign/",
                    "/admin/editorial/requests/999999/unassign/999999/",
                    "/admin/editorial/requests/999999/notify/",
                    "/admin/editorial/requests/999999/sheet.pdf",
                    "/admin/editorial/crew/edit/999999/",
                    "/admin/editorial/crew/delete/999999/",
                    "/admin/editorial/crew/deactivate/999999/",
                    "/admin/editorial/crew/activate/999999/",
                    "/admin/editorial/vehicles/edit/999999/",
                    "/admin/editorial/vehicles/delete/999999/",
                    "/admin/editorial/vehicles/deactivate/999999/",
                )
            ),
            # Wagtail sends a staff member without the permission back to the dashboard.
            ("/admin/users/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            # The editorial desk has no page permissions: Wagtail sends it to the dashboard.
            ("/admin/pages/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            (
                "name:advertiser-listing",
                outcomes(LOGIN, editorial=REDIRECT, administrator=OK),
            ),
            # "Tarifs": rate cards and quote requests (simulator/admin/).
            ("/admin/rate-cards/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            # The advisor's rules (simulator/admin/advisor_rules.py): who manages the
            # rate cards.
            *(
                (url, outcomes(LOGIN, editorial=REDIRECT, administrator=OK))
                for url in ("/admin/advisor-rules/", "/admin/advisor-rules/new/")
            ),
            ("/admin/quote-requests/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            # "Campaigns" (campaigns/admin/): the commercial team only.
            ("/admin/campaigns/review/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            ("/admin/campaigns/all/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            ("/admin/campaigns/spots/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            (
                "/admin/campaigns/review/bulk-approve/",
                outcomes(LOGIN, editorial=REDIRECT, administrator=OK),
            ),
            (
                "/admin/campaigns/review/approve/999999/",
                outcomes(LOGIN, editorial=REDIRECT, administrator=NOT_FOUND),
            ),
            (
                "/admin/campaigns/review/production/999999/upload/",
                outcomes(LOGIN, editorial=REDIRECT, administrator=NOT_FOUND),
            ),
            (
                "/admin/campaigns/pending-counts/",
                outcomes(LOGIN, editorial=FORBIDDEN, administrator=OK),
            ),
            # "Diffusion" (broadcasting/admin/): the commercial administrators only;
            # broadcasters work from /diffusion/ and have no admin access.
            *(
                (url, outcomes(LOGIN, editorial=REDIRECT, administrator=OK))
                for url in (
                    "/admin/broadcasting/grid/",
                    "/admin/broadcasting/grid/new/",
                    "/admin/broadcasting/grid/apply/",
                    "/admin/broadcasting/breaks/",
                    "/admin/broadcasting/breaks/exceptional/",
                    "/admin/broadcasting/airings/",
                    "/admin/broadcasting/unplaced/",
                    "/admin/broadcasting/unplaced/pending/",
                    "/admin/broadcasting/make-goods/",
                    "/admin/broadcasting/journal/",
                )
            ),
            # "Rapports" (reports/admin/): the commercial administrators only.
            *(
                (url, outcomes(LOGIN, editorial=REDIRECT, administrator=OK))
                for url in (
                    "/admin/reports/overview/",
                    "/admin/reports/overview/?start=2025-01-01&end=2026-12-31&advertiser=999999",
                    "/admin/reports/airings/",
                    "/admin/reports/airings/results/",
                    "/admin/reports/campaigns/",
                    "/admin/reports/campaigns/results/?status=approved",
                )
            ),
            *(
                (url, outcomes(LOGIN, editorial=REDIRECT, administrator=NOT_FOUND))
                for url in (
                    "/admin/broadcasting/grid/edit/999999/",
                    "/admin/broadcasting/breaks/999999/",
                    "/admin/broadcasting/breaks/999999/cancel/",
                    "/admin/broadcasting/airings/999999/move/",
                    "/admin/broadcasting/airings/999999/remove/",
                    "/admin/broadcasting/airings/999999/undo/",
                    "/admin/broadcasting/unplaced/999999/place/",
                    "/admin/broadcasting/unplaced/999999/release/",
                    "/admin/broadcasting/unplaced/campaign/999999/",
                    "/admin/broadcasting/unplaced/campaign/999999/place/",
                    "/admin/broadcasting/unplaced/campaign/999999/priority/",
                    "/admin/broadcasting/make-goods/999999/accept/",
                )
            ),
            (
                "/admin/login/",
                outcomes(OK, editorial=REDIRECT, administrator=REDIRECT, accountant=REDIRECT),
            ),
            # "Facturation" (billing/admin/): the commercial team and the accountants.
            *(
                (url, BILLING_STAFF)
                for url in (
                    "/admin/billing/to-bill/",
                    "/admin/billing/invoices/",
                    "/admin/billing/invoices/?status=issued&overdue=1",
                    "/admin/billing/credit-notes/",
                    "/admin/billing/payments/",
                    "/admin/billing/payments/new/",
                    "/admin/billing/ageing/",
                    "/admin/billing/statement/",
                    "/admin/billing/journal-export/",
                    "/admin/billing/journal/?start=2026-01-01&end=2026-12-31&format=csv",
                )
            ),
            *(
                (url, BILLING_STAFF | {"administrator": NOT_FOUND, "accountant": NOT_FOUND})
                for url in (
                    "/admin/billing/invoices/999999/",
                    "/admin/billing/invoices/999999/pdf/",
                    "/admin/billing/credit-notes/999999/",
                    "/admin/billing/payments/999999/",
                )
            ),
            # The station's billing identity: the commercial administrators only.
            (
                "/admin/settings/billing/billingsettings/",
                outcomes(LOGIN, editorial=REDIRECT, accountant=REDIRECT, administrator=REDIRECT),
            ),
            # "Paiements en ligne" (payments/admin/): the billing staff, and only
            # while ENABLE_PAYMENTS is on; off (as here), a 404 once the permission
            # is checked (other staff are sent to the dashboard first).
            *(
                (url, BILLING_STAFF | {"administrator": NOT_FOUND, "accountant": NOT_FOUND})
                for url in (
                    "/admin/payments/attempts/",
                    "/admin/payments/attempts/?state=pending&provider=sandbox",
                    "/admin/payments/attempts/999999/",
                    "/admin/payments/attempts/999999/recheck/",
                    "/admin/payments/attempts/999999/reconcile/",
                    "/admin/payments/events/",
                )
            ),
        ],
    ),
    Area(
        "Wagtail documents",
        lambda route, name: route.startswith("documents/"),
        [("/documents/999999/missing.pdf", outcomes(NOT_FOUND))],
    ),
    Area(
        "Wagtail front-end utilities (page privacy)",
        lambda route, name: route.startswith("_util/"),
        [("/_util/authenticate_with_password/999999/999999/", outcomes(NOT_FOUND))],
    ),
    Area(
        "Django i18n (language switch)",
        lambda route, name: route.startswith("i18n/"),
        [("/i18n/setlang/", outcomes(REDIRECT))],
    ),
    Area(
        "Footer language links (bf1portal/language.py)",
        lambda route, name: route.startswith("language/"),
        [("/language/en/?next=/", outcomes(REDIRECT)), ("/language/xx/", outcomes(NOT_FOUND))],
    ),
    Area(
        "Wagtail page serving (catch-all)",
        lambda route, name: name == "wagtail_serve",
        [("/", outcomes(OK)), ("/cette-page-n-existe-pas/", outcomes(NOT_FOUND))],
    ),
]


# --- Conversations in the Wagtail admin (conversations/admin/, reports/admin/conversations.py):
# the "Messages" menu for the staff who see threads (administrators, editorial
# managers, accountants; broadcasters have no admin access by default), a thread
# outside one's threads is a 404 (its moves too, before the method is checked);
# the canned replies and the "Messages" report: the commercial administrators only.
CONVERSATION_STAFF = outcomes(LOGIN, editorial=OK, administrator=OK, accountant=OK)
ADMINISTRATORS_ONLY = outcomes(LOGIN, editorial=REDIRECT, administrator=OK, accountant=REDIRECT)
_WAGTAIL_ADMIN_AREA = next(
    area for area in WHOLESALE if area.description.startswith("Wagtail admin")
)
_WAGTAIL_ADMIN_AREA.samples.extend(
    [
        *(
            (url, CONVERSATION_STAFF)
            for url in (
                "/admin/messages/",
                "/admin/messages/?tab=mine&kind=question&team=newsroom&assignee=none&q=spot",
                "/admin/messages/?tab=closed&p=999",
                "/admin/messages/new/",
                "/admin/messages/new/?subject=campaign:999999",
            )
        ),
        *(
            (
                url,
                CONVERSATION_STAFF
                | dict.fromkeys(["editorial", "administrator", "accountant"], NOT_FOUND),
            )
            for url in (
                "/admin/messages/999999/",
                "/admin/messages/999999/reply/",
                "/admin/messages/999999/assign/",
                "/admin/messages/999999/close/",
                "/admin/messages/999999/share/",
            )
        ),
        # Hiding a message: the administrators only (the others are sent back first).
        (
            "/admin/messages/999999/messages/999999/hide/",
            ADMINISTRATORS_ONLY | {"administrator": NOT_FOUND},
        ),
        *(
            (url, ADMINISTRATORS_ONLY)
            for url in (
                "/admin/messages/canned-replies/",
                "/admin/messages/canned-replies/new/",
                "/admin/reports/messages/",
                "/admin/reports/messages/?start=2026-01-01&end=2026-12-31",
            )
        ),
        (
            "/admin/messages/canned-replies/edit/999999/",
            ADMINISTRATORS_ONLY | {"administrator": NOT_FOUND},
        ),
    ]
)

# --- The help assistant in the Wagtail admin (assistant/admin/): the FAQ and the
# synonyms for the editorial managers and the administrators, "Questions sans
# réponse utile" for the administrators only.
_WAGTAIL_ADMIN_AREA.samples.extend(
    [
        *(
            (url, STAFF_ADMIN)
            for url in (
                "/admin/assistant/faq/",
                "/admin/assistant/faq/?category=prices&live=true&q=prix",
                "/admin/assistant/faq/add/?question=format%20video",
                "/admin/assistant/synonyms/",
                "/admin/assistant/synonyms/add/",
            )
        ),
        *(
            # Wagtail looks the entry up first: 404 to every member of the staff.
            (
                url,
                STAFF_ADMIN
                | dict.fromkeys(["editorial", "administrator", "accountant"], NOT_FOUND),
            )
            for url in (
                "/admin/assistant/faq/edit/999999/",
                "/admin/assistant/synonyms/edit/999999/",
            )
        ),
        ("/admin/assistant/unanswered/", ADMINISTRATORS_ONLY),
        ("/admin/assistant/unanswered/?p=999", ADMINISTRATORS_ONLY),
    ]
)


# --- "Imports as-run" (broadcasting/admin/asrun*.py): the commercial administrators
# only, like the rest of "Diffusion"; an unknown import or discrepancy is a 404 once
# the permission is checked (the review actions before their method).
_WAGTAIL_ADMIN_AREA.samples.extend(
    [
        *(
            (url, outcomes(LOGIN, editorial=REDIRECT, administrator=OK))
            for url in (
                "/admin/broadcasting/asrun/",
                "/admin/broadcasting/asrun/results/",
                "/admin/broadcasting/asrun/upload/",
                "/admin/broadcasting/asrun-sources/",
                "/admin/broadcasting/asrun-sources/new/",
            )
        ),
        *(
            (url, outcomes(LOGIN, editorial=REDIRECT, administrator=NOT_FOUND))
            for url in (
                "/admin/broadcasting/asrun/999999/",
                "/admin/broadcasting/asrun/999999/status/",
                "/admin/broadcasting/asrun/discrepancy/999999/accept/",
                "/admin/broadcasting/asrun/discrepancy/999999/missed/",
                "/admin/broadcasting/asrun/discrepancy/999999/ignore/",
                "/admin/broadcasting/asrun-sources/edit/999999/",
            )
        ),
        # Wagtail's delete view looks the object up before the permission.
        (
            "/admin/broadcasting/asrun-sources/delete/999999/",
            outcomes(LOGIN, editorial=NOT_FOUND, administrator=NOT_FOUND),
        ),
    ]
)


# --- Walking the resolver ----------------------------------------------------------
@dataclass(frozen=True)
class Route:
    route: str
    name: str | None

    @property
    def key(self) -> str:
        return self.name or self.route


def walk(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            routes += walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            routes.append(Route(prefix + str(pattern.pattern), name))
    return routes


def area_of(route: Route) -> Area | None:
    for area in WHOLESALE:
        if area.matches(route.route, route.name):
            return area
    return None


def test_every_route_is_declared():
    undeclared = sorted(
        {f"{r.route!r} (name {r.name!r})" for r in walk() if r.key not in ACCESS and not area_of(r)}
    )
    assert not undeclared, (
        "Routes without a declared access rule: declare them in ACCESS in "
        "tests/test_access_matrix.py:\n  " + "\n  ".join(undeclared)
    )


def test_no_declared_route_is_stale():
    keys = {route.key for route in walk()}
    stale = sorted(set(ACCESS) - keys)
    assert not stale, f"ACCESS declares routes the project no longer has: {stale}"


def test_every_wholesale_area_still_exists():
    routes = walk()
    empty = [a.description for a in WHOLESALE if not any(area_of(r) is a for r in routes)]
    assert not empty, f"WHOLESALE areas matching no route: {empty}"


def test_project_routes_are_not_hidden_in_wholesale_areas():
    project_prefixes = ("login/", "logout/", "register/", "profile/", "password-reset/")
    project_prefixes += ("campaigns/", "diffusion/", "notifications/", "healthz")
    project_prefixes += ("broadcasts/", "verify/")
    project_prefixes += ("coverage/",)
    project_prefixes += ("reports/",)
    project_prefixes += ("aide/",)
    hidden = [r for r in walk() if area_of(r) and r.route.startswith(project_prefixes)]
    assert not hidden


# --- The walk itself ---------------------------------------------------------------
@pytest.fixture
def world(advertiser_a, advertiser_b, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (220, 38, 38)).save(buffer, format="PNG")
    advertiser_a.photo.save("awa.png", ContentFile(buffer.getvalue()))
    notification = notification_services.notify(recipient=advertiser_a, title="Campagne reçue")
    cache.clear()  # the simulator API's throttle counts in the cache
    ensure_demo_rate_card()
    from campaigns.tests.factories import CampaignFactory

    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads-tmp")
    upload_campaign = CampaignFactory(user=advertiser_a)
    return World(notification=notification, photo=advertiser_a.photo.name, campaign=upload_campaign)


def check(response, outcome: str, what: str) -> None:
    status = response.status_code
    location = response.get("Location", "")
    context = f"{what}: got {status} {location}"
    if outcome == OK:
        assert status == 200, context
    elif outcome == LOGIN:
        assert status == 302, context
        assert urlparse(location).path in LOGIN_PATHS, context
    elif outcome == REDIRECT:
        assert status in (301, 302), context
        assert urlparse(location).path not in LOGIN_PATHS, context
    elif outcome == FORBIDDEN:
        assert status == 403, context
    elif outcome == NOT_ALLOWED:
        assert status == 405, context
    elif outcome == NOT_FOUND:
        assert status == 404, context
    elif outcome == BAD_REQUEST:
        assert status == 400, context
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(f"unknown outcome {outcome!r}")


def sign_in(client, request, persona: str):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("key", sorted(ACCESS))
def test_project_route(client, request, world, key, persona):
    rule = ACCESS[key]
    url = reverse(key, kwargs=rule.kwargs(world))
    user = sign_in(client, request, persona)

    check(client.get(url), rule.get[persona], f"GET {url} as {persona}")
    if rule.post is None:
        return
    if rule.post_json is not None:
        response = client.post(url, json.dumps(rule.post_json), content_type="application/json")
    else:
        response = client.post(url)
    check(response, rule.post[persona], f"POST {url} as {persona}")
    if rule.after_post is not None:
        rule.after_post(persona, world)
    if rule.after_post is signed_out and user is not None:
        assert "_auth_user_id" not in client.session


def accountant_outcome(url: str, table: dict[str, str]) -> str:
    """The accountant opens the Wagtail admin for its "Facturation" menu only:
    elsewhere in the admin Wagtail sends it back to the dashboard, like the
    editorial desk outside its own menu."""
    if url == "/admin/":
        return OK
    if url == "/admin/campaigns/pending-counts/":
        return FORBIDDEN
    if url.endswith("/delete/999999/"):
        return NOT_FOUND
    if table["accountant"] == LOGIN and table["editorial"] != LOGIN:
        return REDIRECT
    return table["accountant"]


def wholesale_cases():
    for area in WHOLESALE:
        for url, table in area.samples:
            for persona in PERSONAS:
                outcome = table[persona]
                if persona == "accountant":
                    outcome = accountant_outcome(url, table)
                yield pytest.param(url, outcome, persona, id=f"{url}-{persona}")


def resolve_sample(url: str) -> str | None:
    """A sample URL, or "name:..." for one found in the resolver by its name."""
    if not url.startswith("name:"):
        return url
    if url == "name:advertiser-listing":
        # The Advertiser listing of the Wagtail admin (a ModelViewSet or a snippet).
        for route in walk():
            name = route.name or ""
            if "advertiser" in name and name.rsplit(":", 1)[-1] in ("index", "list"):
                return reverse(name)
        return None
    raise AssertionError(f"unknown sample {url}")


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "outcome", "persona"), list(wholesale_cases()))
def test_wholesale_sample(client, request, url, outcome, persona):
    concrete = resolve_sample(url)
    if concrete is None:
        pytest.skip(f"{url} is not in this project yet")
    sign_in(client, request, persona)
    check(client.get(concrete), outcome, f"GET {concrete} as {persona}")


# --- WebSocket routes: walked from the ASGI application, for every persona ----------
# Every route of the websocket router (bf1portal/asgi.py) must be declared here with
# who may connect: a new socket without a rule fails test_every_websocket_route_is_declared.
WS_PERSONAS = [*PERSONAS, "superuser"]
WS_ACCEPTED = "accepted"
WS_UNAUTHENTICATED = 4401  # close code of a consumer: not signed in
WS_FORBIDDEN = 4403  # close code of a consumer: signed in without the right


def ws_outcomes(default: str | int | None = None, **per_persona: str | int) -> dict:
    """{persona: WS_ACCEPTED or the close code}: `default` for everyone, then the exceptions."""
    table = dict.fromkeys(WS_PERSONAS, default)
    table.update(per_persona)
    missing = [persona for persona, outcome in table.items() if outcome is None]
    assert not missing, f"no outcome for {missing}"
    return table


WS_ACCESS: dict[str, dict[str, str | int]] = {
    # the unread counter of the header: every signed-in user (their own count)
    "ws/notifications/": ws_outcomes(WS_ACCEPTED, anonymous=WS_UNAUTHENTICATED),
    # the admin dashboard's pending counts: the commercial team only
    "ws/admin/pending-counts/": ws_outcomes(
        WS_FORBIDDEN,
        anonymous=WS_UNAUTHENTICATED,
        administrator=WS_ACCEPTED,
        superuser=WS_ACCEPTED,
    ),
    # the planning dashboard's live updates: the broadcasting team only
    "ws/diffusion/planning/": ws_outcomes(
        WS_FORBIDDEN,
        anonymous=WS_UNAUTHENTICATED,
        broadcaster=WS_ACCEPTED,
        administrator=WS_ACCEPTED,
        superuser=WS_ACCEPTED,
    ),
}
WS_ACCESS["ws/reports/jobs/<uuid:uuid>/"] = ws_outcomes(
    # a long export's progress: its requester only; anyone else, like an unknown
    # job (the sample path), is closed with 4404
    4404,
    anonymous=WS_UNAUTHENTICATED,
)
# the unread-conversation counter: every signed-in user (their own count)
WS_ACCESS["ws/messages/"] = ws_outcomes(WS_ACCEPTED, anonymous=WS_UNAUTHENTICATED)
# an open thread: its readers only; anyone else, like an unknown thread (the sample
# path), is closed with 4404 (conversations/tests/test_live.py connects to real ones)
WS_ACCESS["ws/messages/<int:thread_id>/"] = ws_outcomes(4404, anonymous=WS_UNAUTHENTICATED)
# A route with parameters connects to the sample path given here.
WS_SAMPLE_PATHS: dict[str, str] = {
    "ws/reports/jobs/<uuid:uuid>/": "/ws/reports/jobs/00000000-0000-0000-0000-000000000000/",
    "ws/messages/<int:thread_id>/": "/ws/messages/999999999/",
}


@dataclass(frozen=True)
class SocketRoute:
    route: str
    layers: tuple[type, ...]  # the middleware in front of the route, outermost first

    @property
    def path(self) -> str:
        return WS_SAMPLE_PATHS.get(self.route, "/" + self.route)


def websocket_application(application=None):
    if application is None:
        from bf1portal.asgi import application
    return application.application_mapping["websocket"]


def walk_websocket(app=None, layers: tuple[type, ...] = (), prefix: str = "") -> list[SocketRoute]:
    """Every route of the websocket router, with the middleware it sits behind."""
    if app is None:
        app = websocket_application()
    if isinstance(app, URLRouter):
        routes = []
        for route in app.routes:
            routes += walk_websocket(route.callback, layers, prefix + str(route.pattern))
        return routes
    inner = getattr(app, "application", None) or getattr(app, "inner", None)
    if inner is not None:
        return walk_websocket(inner, (*layers, type(app)), prefix)
    return [SocketRoute(prefix, layers)]


def test_every_websocket_route_is_declared():
    routes = walk_websocket()
    assert routes, "no WebSocket route found: has bf1portal/asgi.py changed shape?"
    undeclared = sorted({r.route for r in routes} - set(WS_ACCESS))
    assert not undeclared, (
        "WebSocket routes without a declared access rule: declare them in WS_ACCESS in "
        "tests/test_access_matrix.py:\n  " + "\n  ".join(undeclared)
    )
    unreachable = [r.route for r in routes if "<" in r.route and r.route not in WS_SAMPLE_PATHS]
    assert not unreachable, f"give a sample path in WS_SAMPLE_PATHS for {unreachable}"


def test_no_declared_websocket_route_is_stale():
    stale = sorted(set(WS_ACCESS) - {r.route for r in walk_websocket()})
    assert not stale, f"WS_ACCESS declares WebSocket routes the project no longer has: {stale}"


def test_every_websocket_route_checks_the_origin_then_the_session():
    for route in walk_websocket():
        assert route.layers, route.route
        assert issubclass(route.layers[0], OriginValidator), route
        assert any(issubclass(layer, AuthMiddleware) for layer in route.layers), route


def ws_headers(client, origin: str | None = "http://testserver") -> list[tuple[bytes, bytes]]:
    items = [(b"host", b"testserver")]
    if origin:
        items.append((b"origin", origin.encode()))
    if "sessionid" in client.cookies:
        items.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return items


def ws_connect(application, path: str, headers) -> tuple[bool, int | None]:
    async def attempt():
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, code = await communicator.connect()
        await communicator.disconnect()
        return connected, code

    return async_to_sync(attempt)()


def ws_check(result: tuple[bool, int | None], outcome: str | int, what: str) -> None:
    connected, code = result
    if outcome == WS_ACCEPTED:
        assert connected, f"{what}: refused with {code}"
    else:
        assert not connected, f"{what}: accepted"
        assert code == outcome, f"{what}: closed with {code}, expected {outcome}"


# The consumers read the session from the database in another thread: commit for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("persona", WS_PERSONAS)
@pytest.mark.parametrize("route", sorted(WS_ACCESS))
def test_websocket_route(client, request, route, persona):
    from bf1portal.asgi import application

    sign_in(client, request, persona)
    path = SocketRoute(route, ()).path
    result = ws_connect(application, path, ws_headers(client))
    ws_check(result, WS_ACCESS[route][persona], f"WebSocket {path} as {persona}")


def fresh_asgi_application():
    """Build bf1portal.asgi anew, so that it reads the settings of the test."""
    spec = importlib.util.find_spec("bf1portal.asgi")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.application


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("route", sorted(WS_ACCESS))
def test_websocket_route_refuses_a_foreign_origin(client, request, settings, route):
    """Even a persona the route accepts is refused from another site, or with no Origin."""
    settings.ALLOWED_HOSTS = ["testserver"]
    application = fresh_asgi_application()
    table = WS_ACCESS[route]
    persona = next((p for p in WS_PERSONAS if table[p] == WS_ACCEPTED), "anonymous")
    sign_in(client, request, persona)
    path = SocketRoute(route, ()).path
    for origin in ("https://evil.example", None):
        connected, _ = ws_connect(application, path, ws_headers(client, origin=origin))
        assert not connected, f"WebSocket {path} as {persona} from {origin!r}: accepted"
    ws_check(
        ws_connect(application, path, ws_headers(client)),
        table[persona],
        f"WebSocket {path} as {persona} from this site",
    )
