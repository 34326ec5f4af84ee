"""The forms of the admin screens: the inbox's filters, assigning a thread,
hiding a message, a new conversation from the staff to an advertiser. The rules
are the services'; a refusal is shown beside its field."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Advertiser
from accounts.roles import GROUP_NAMES

from ..forms import MultipleFileField, _body_field, _files_field
from ..models import TEAM_ROLES, ProblemType, Team, ThreadKind, ThreadStatus
from ..subjects import parse_subject, subject_kinds

UNASSIGNED = "none"


def staff_users():
    """The active users of the teams that answer threads."""
    names = [GROUP_NAMES[role] for role in TEAM_ROLES.values()]
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name__in=names), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    subject = forms.ChoiceField(label=_("About"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)

    def __init__(self, *args, assignees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *ThreadKind.choices]
        self.fields["team"].choices = [("", _("All teams")), *Team.choices]
        self.fields["subject"].choices = [
            ("", _("All subjects")),
            ("general", _("General request")),
            *[(item.key, item.label) for item in subject_kinds()],
        ]
        self.fields["status"].choices = [("", _("All statuses")), *ThreadStatus.choices]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            (UNASSIGNED, _("Nobody")),
            *[(str(user.pk), user.get_full_name() or user.email) for user in assignees],
        ]


class AssignForm(forms.Form):
    assignee = AssigneeChoiceField(
        label=_("Assign to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [member.pk for member in members]
        self.fields["assignee"].queryset = get_user_model().objects.filter(pk__in=ids)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaffNewThreadForm(forms.Form):
    advertiser = forms.ModelChoiceField(
        label=_("Company"), queryset=Advertiser.objects.order_by("name")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ThreadKind.choices)
    problem_type = forms.ChoiceField(
        label=_("Problem"), required=False, choices=[("", "—"), *ProblemType.choices]
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    subject = forms.CharField(
        label=_("About (optional)"),
        required=False,
        max_length=50,
        help_text=_("For example campaign:12 (filled in from a campaign's page)."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = _body_field()
    files = MultipleFileField(required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("From the subject")), *teams]
        self.fields["files"] = _files_field(video=True)

    def clean_subject(self):
        value = (self.cleaned_data.get("subject") or "").strip()
        if not value:
            return None
        parsed = parse_subject(value)
        if parsed is None:
            raise forms.ValidationError(_("Unknown subject: write it as campaign:12."))
        return parsed
