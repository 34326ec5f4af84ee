"""The crew and the vehicles: checked and saved, deactivated rather than
deleted once they have been on a mission.

Rules: a phone number is required and stored in E.164 form; an unavailable
member has a first and a last day (first ≤ last), a resting member may have
them; an available member keeps none. Bad input raises EditorialError (field
errors for the form) and changes nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_desk_staff
from accounts.validators import normalize_phone

from ..exceptions import EditorialError
from ..models import Assignment, CrewMember, CrewRole, CrewStatus, MissionStatus, Vehicle
from ..selectors.desk import day_label


def _check_actor(actor) -> None:
    if actor is not None and not is_desk_staff(actor):
        raise EditorialError(_("Only the editorial desk may do this."))


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        first = next(iter(errors.values()))[0]
        raise EditorialError(first, errors)


def member_errors(member: CrewMember) -> dict[str, list[str]]:
    """The rule each field of `member` breaks (normalises it on the way)."""
    errors: dict[str, list[str]] = {}
    member.name = " ".join((member.name or "").split())
    if not member.name:
        errors["name"] = [_("Give the person's name.")]
    if member.role not in CrewRole.values:
        errors["role"] = [_("Choose a role.")]
    try:
        member.phone = normalize_phone(member.phone or "")
    except ValidationError as exc:
        errors["phone"] = [str(m) for m in exc.messages]
    member.email = (member.email or "").strip().lower()
    if member.email:
        try:
            validate_email(member.email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    member.skills = ", ".join(s.strip() for s in (member.skills or "").split(",") if s.strip())
    if member.status not in CrewStatus.values:
        errors["status"] = [_("Choose a status.")]
    elif member.status == CrewStatus.AVAILABLE:
        member.unavailable_from = member.unavailable_until = None
    else:
        start, end = member.unavailable_from, member.unavailable_until
        if member.status == CrewStatus.UNAVAILABLE:
            if start is None:
                errors["unavailable_from"] = [_("Give the first day of the unavailability.")]
            if end is None:
                errors["unavailable_until"] = [_("Give the last day of the unavailability.")]
        if start and end and start > end:
            errors["unavailable_until"] = [_("The last day must be on or after the first day.")]
    return errors


@transaction.atomic
def save_member(*, member: CrewMember, actor) -> CrewMember:
    _check_actor(actor)
    _raise(member_errors(member))
    member.save()
    return member


def future_assignments(member: CrewMember):
    return (
        Assignment.objects.filter(
            member=member,
            is_active=True,
            mission__status=MissionStatus.PLANNED,
            mission__ends_at__gt=timezone.now(),
        )
        .select_related("mission__request")
        .order_by("busy_from")
    )


def has_missions(member: CrewMember) -> bool:
    return Assignment.objects.filter(member=member).exists()


@transaction.atomic
def delete_member(*, member: CrewMember, actor) -> None:
    """Delete a member who was never on a mission; otherwise refuse (the
    history of missions keeps them): deactivate instead."""
    _check_actor(actor)
    member = CrewMember.objects.select_for_update().get(pk=member.pk)
    if has_missions(member):
        raise EditorialError(
            _(
                "%(name)s has been on missions: they cannot be deleted, so that the "
                "history stays whole. Deactivate them instead."
            )
            % {"name": member.name}
        )
    member.delete()


@transaction.atomic
def set_member_active(*, member: CrewMember, active: bool, actor) -> CrewMember:
    """(De)activate a member. A member still on missions ahead must be taken
    off them first."""
    _check_actor(actor)
    member = CrewMember.objects.select_for_update().get(pk=member.pk)
    if not active:
        ahead = list(future_assignments(member)[:3])
        if ahead:
            raise EditorialError(
                _("%(name)s is still on missions ahead (%(missions)s): take them off first.")
                % {
                    "name": member.name,
                    "missions": ", ".join(
                        f"{a.mission.request.reference} {day_label(a.mission.starts_at)}"
                        for a in ahead
                    ),
                }
            )
    member.is_active = active
    member.save(update_fields=["is_active"])
    return member


# --- Vehicles ------------------------------------------------------------------------


def vehicle_errors(vehicle: Vehicle) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    vehicle.name = " ".join((vehicle.name or "").split())
    vehicle.plate = " ".join((vehicle.plate or "").upper().split())
    if not vehicle.name:
        errors["name"] = [_("Give the vehicle's name.")]
    if not vehicle.plate:
        errors["plate"] = [_("Give the number plate.")]
    elif Vehicle.objects.filter(plate__iexact=vehicle.plate).exclude(pk=vehicle.pk).exists():
        errors["plate"] = [_("Another vehicle has this number plate.")]
    if vehicle.seats is None or not 1 <= vehicle.seats <= 60:
        errors["seats"] = [_("Between 1 and 60 seats.")]
    return errors


@transaction.atomic
def save_vehicle(*, vehicle: Vehicle, actor) -> Vehicle:
    _check_actor(actor)
    _raise(vehicle_errors(vehicle))
    vehicle.save()
    return vehicle


@transaction.atomic
def delete_vehicle(*, vehicle: Vehicle, actor) -> None:
    _check_actor(actor)
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    if vehicle.missions.exists():
        raise EditorialError(
            _(
                "The vehicle %(vehicle)s has been used on missions: it cannot be deleted. "
                "Take it out of service instead."
            )
            % {"vehicle": vehicle}
        )
    vehicle.delete()


@transaction.atomic
def set_vehicle_active(*, vehicle: Vehicle, active: bool, actor) -> Vehicle:
    _check_actor(actor)
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    if not active:
        ahead = list(
            vehicle.missions.filter(
                status=MissionStatus.PLANNED, ends_at__gt=timezone.now()
            ).select_related("request")[:3]
        )
        if ahead:
            raise EditorialError(
                _("The vehicle %(vehicle)s is still booked for %(missions)s: change them first.")
                % {
                    "vehicle": vehicle,
                    "missions": ", ".join(m.request.reference for m in ahead),
                }
            )
    vehicle.is_active = active
    vehicle.save(update_fields=["is_active"])
    return vehicle
