from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.permissions import role_required
from accounts.roles import Role


@require_GET
@role_required(Role.BROADCASTER, Role.ADMINISTRATOR)
def dashboard(request):
    """The broadcasters' planning home: today's running order."""
    return render(
        request,
        "broadcasting/dashboard.html",
        {"today": timezone.localdate(), "breaks": []},
    )
