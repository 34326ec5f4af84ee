from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.permissions import role_required
from accounts.roles import Role


@require_GET
@role_required(Role.ADVERTISER)
def dashboard(request):
    """The advertiser's home: account state and what to do next."""
    user = request.user
    return render(
        request,
        "campaigns/dashboard.html",
        {"advertiser": user.advertiser, "email_confirmed": user.email_confirmed},
    )
