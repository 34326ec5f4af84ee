"""Forms of the "Rédaction" admin menu. They check what a form can check (a
value is given, of the right shape); the desk's rules are the services', whose
EditorialError the views show on the form."""

from __future__ import annotations

import copy
import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from core.forms import SingleLineFieldsMixin

from ..models import CrewMember, CrewRole, Mission, Vehicle
from ..selectors.desk import MAX_TRAVEL_MINUTES, member_candidates, vehicle_candidates
from ..services import crew as crew_services

NOTE_MAX = 2000


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTE_MAX,
    )

    def __init__(self, *args, note_required=False, note_label=None, note_help="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["note"]
        field.required = note_required
        if note_label:
            field.label = note_label
        if note_help:
            field.help_text = note_help


# --- Crew and vehicles ---------------------------------------------------------------


class CrewMemberForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    """Name, phone, e-mail and skills on one line each (they go into text
    messages and e-mail headers)."""

    class Meta:
        model = CrewMember
        fields = [
            "name",
            "role",
            "skills",
            "phone",
            "email",
            "status",
            "unavailable_from",
            "unavailable_until",
            "user",
        ]
        widgets = {"unavailable_from": AdminDateInput, "unavailable_until": AdminDateInput}
        help_texts = {
            "skills": _("Separated by commas: e.g. montage, drone, mooré, anglais."),
            "phone": _("For the mission text messages, e.g. +226 70 12 34 56."),
            "unavailable_from": _("Required when unavailable; optional when resting."),
        }

    def clean(self):
        cleaned = super().clean()
        member = copy.copy(self.instance)
        for name in self.Meta.fields:
            if name in cleaned:
                setattr(member, name, cleaned[name])
        for field, messages in crew_services.member_errors(member).items():
            if field in self.fields and field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        for name in ("name", "phone", "email", "skills", "unavailable_from", "unavailable_until"):
            if name in cleaned and name not in self.errors:
                cleaned[name] = getattr(member, name)
        return cleaned


class VehicleForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    class Meta:
        model = Vehicle
        fields = ["name", "plate", "seats"]

    def clean(self):
        cleaned = super().clean()
        vehicle = copy.copy(self.instance)
        for name in self.Meta.fields:
            if name in cleaned:
                setattr(vehicle, name, cleaned[name])
        for field, messages in crew_services.vehicle_errors(vehicle).items():
            if field in self.fields and field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        if "plate" in cleaned and "plate" not in self.errors:
            cleaned["plate"] = vehicle.plate
        return cleaned


# --- Assignment, mission, delivery ---------------------------------------------------


class AssignForm(forms.Form):
    """Who to put on the mission: every active member, the free ones first and
    marked so; a busy or away member can be chosen, and the service refuses
    with the reason (naming the conflicting mission)."""

    member = forms.ChoiceField(label=_("Crew member"))
    role = forms.ChoiceField(
        label=_("Role on the mission"),
        required=False,
        help_text=_("Left empty: the person's usual role."),
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.candidates = member_candidates(mission)
        groups: dict[str, list[tuple[str, str]]] = {}
        labels = dict(CrewRole.choices)
        for candidate in self.candidates:
            member = candidate.member
            state = _("free") if candidate.free else candidate.reason
            label = f"{member.name} — {state}"
            groups.setdefault(str(labels.get(member.role, member.role)), []).append(
                (str(member.pk), label)
            )
        self.fields["member"].choices = [("", "---------"), *groups.items()]
        self.fields["role"].choices = [("", _("usual role")), *CrewRole.choices]
        self.members = {str(c.member.pk): c.member for c in self.candidates}

    def clean(self):
        cleaned = super().clean()
        member = self.members.get(cleaned.get("member") or "")
        if cleaned.get("member") and member is None:
            self.add_error("member", _("Choose a member of the crew."))
        cleaned["member_obj"] = member
        if member is not None and not cleaned.get("role"):
            cleaned["role"] = member.role
        return cleaned

    def proposals(self) -> dict[str, list[CrewMember]]:
        """The free members of each role (what the desk proposes)."""
        found: dict[str, list[CrewMember]] = {role: [] for role in CrewRole.values}
        for candidate in self.candidates:
            if candidate.free:
                found[candidate.member.role].append(candidate.member)
        return found


class MissionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=AdminDateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=AdminDateTimeInput)
    travel_minutes = forms.IntegerField(
        label=_("Travel margin (minutes)"),
        min_value=0,
        max_value=MAX_TRAVEL_MINUTES,
        help_text=_("Kept free before and after the event for the journey."),
    )
    vehicle = forms.ChoiceField(label=_("Vehicle"), required=False)
    notes = forms.CharField(
        label=_("Notes for the crew"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=NOTE_MAX,
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "starts_at": timezone.localtime(mission.starts_at),
                "ends_at": timezone.localtime(mission.ends_at),
                "travel_minutes": mission.travel_minutes,
                "vehicle": str(mission.vehicle_id or ""),
                "notes": mission.notes,
            },
        )
        super().__init__(*args, **kwargs)
        self.mission = mission
        choices = [("", _("no vehicle"))]
        self.vehicles = {}
        for vehicle, free in vehicle_candidates(mission):
            self.vehicles[str(vehicle.pk)] = vehicle
            state = _("free") if free else _("taken at this time")
            choices.append((str(vehicle.pk), f"{vehicle} — {state}"))
        if mission.vehicle_id and str(mission.vehicle_id) not in self.vehicles:
            self.vehicles[str(mission.vehicle_id)] = mission.vehicle
            choices.append((str(mission.vehicle_id), str(mission.vehicle)))
        self.fields["vehicle"].choices = choices

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        if starts and ends and ends - starts > dt.timedelta(days=3):
            self.add_error("ends_at", _("A mission lasts three days at most."))
        cleaned["vehicle_obj"] = self.vehicles.get(cleaned.get("vehicle") or "")
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class DeliveryForm(forms.Form):
    files = MultipleFileField(label=_("Files"), required=False)
    link = forms.URLField(
        label=_("Link to the content"),
        required=False,
        assume_scheme="https",
        help_text=_("A shared folder, the published article, the video online..."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=NOTE_MAX,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not cleaned.get("link") and not self.errors:
            raise forms.ValidationError(
                _("Upload at least one file or give a link to the content.")
            )
        return cleaned


class PlanningFilterForm(forms.Form):
    VIEWS = (("week", _("Week")), ("month", _("Month")))

    view = forms.ChoiceField(label=_("View"), choices=VIEWS, required=False)
    # A native date field: no script to load (Wagtail's date chooser needs its
    # media on the page), the phone's own date picker.
    date = forms.DateField(
        label=_("Around"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    role = forms.ChoiceField(label=_("Role"), required=False)
    member = forms.ModelChoiceField(
        label=_("Person"), queryset=CrewMember.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("all roles")), *CrewRole.choices]
        self.fields["member"].queryset = CrewMember.objects.filter(is_active=True).order_by(
            "name", "pk"
        )
        self.fields["member"].empty_label = _("everyone")
