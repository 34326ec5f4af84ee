"""`/admin/messages/new/` (`conversations_admin:new`): a conversation opened by
the staff with an advertiser (the company, the kind, an optional subject such as
`campaign:12`, prefilled by the link of an admin campaign page), through
`services.open_thread`."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from accounts.roles import Role, roles_of

from ..exceptions import ConversationError
from ..models import TEAM_ROLES, Team
from ..services import open_thread
from ..subjects import parse_subject, resolve_subject, subject_kind
from .common import StaffView, thread_url
from .forms import StaffNewThreadForm
from .thread import _refuse


def teams_of(user) -> list[tuple[str, str]]:
    """The teams `user` may write for (an administrator: every team)."""
    roles = roles_of(user)

    if Role.ADMINISTRATOR in roles:
        return list(Team.choices)
    return [(value, label) for value, label in Team.choices if TEAM_ROLES[value] in roles]


class NewThreadView(StaffView):
    template_name = "conversations/admin/new.html"
    page_title = _("New message to an advertiser")
    form = None

    def initial(self) -> dict:
        initial = {}
        parsed = parse_subject(self.request.GET.get("subject"))
        if parsed is not None:
            key, pk = parsed
            subject = resolve_subject(key, pk)
            kind = subject_kind(key)
            if subject is not None:
                initial["subject"] = f"{key}:{pk}"
                advertiser_id = kind.advertiser_id(subject)
                if advertiser_id:
                    initial["advertiser"] = advertiser_id
                initial["title"] = str(kind.describe(subject))[:200]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form or StaffNewThreadForm(
            initial=self.initial(), teams=teams_of(self.request.user)
        )
        return context

    def post(self, request, *args, **kwargs):
        form = StaffNewThreadForm(request.POST, request.FILES, teams=teams_of(request.user))
        if form.is_valid():
            data = form.cleaned_data
            subject_type, subject_id = data["subject"] or ("", None)
            try:
                thread = open_thread(
                    author=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    files=data["files"],
                    subject_type=subject_type,
                    subject_id=subject_id,
                    problem_type=data["problem_type"],
                    advertiser=data["advertiser"],
                    advertiser_visible=True,
                    team=data["team"] or self.default_team(data),
                )
            except ConversationError as error:
                _refuse(request, form, error)
            else:
                messages.success(request, gettext("Your message was sent to the advertiser."))
                return redirect(thread_url(thread))
        self.form = form
        return self.render_to_response(self.get_context_data())

    def default_team(self, data) -> str | None:
        """The subject's team, else the writer's own (an administrator: commercial)."""
        subject_type = (data["subject"] or ("", None))[0]
        if subject_type:
            return None
        teams = [value for value, _label in teams_of(self.request.user)]
        return Team.COMMERCIAL if Team.COMMERCIAL in teams or not teams else teams[0]
