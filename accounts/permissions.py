"""View guards by role."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import Role, has_role


def admin_staff(user, *roles: Role) -> bool:
    """A signed-in, active user who may open the Wagtail admin and holds one of
    `roles` (superusers hold every role): the one gate of the admin menus."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and has_role(user, *roles)
    )


def is_administrator(user) -> bool:
    """A commercial administrator (or a superuser), wherever they sign in."""
    return user is not None and has_role(user, Role.ADMINISTRATOR)


def is_campaign_staff(user) -> bool:
    """The commercial team in the Wagtail admin: the "Campagnes" and "Rapports"
    menus, the pending counts."""
    return admin_staff(user, Role.ADMINISTRATOR)


def is_broadcast_staff(user) -> bool:
    """Who may open the admin "Diffusion" menu: the commercial administrators
    (and superusers) with access to the admin."""
    return admin_staff(user, Role.ADMINISTRATOR)


def is_desk_staff(user) -> bool:
    """Editorial managers and administrators (superusers included) with access
    to the Wagtail admin: the editorial desk."""
    return admin_staff(user, Role.EDITORIAL, Role.ADMINISTRATOR)


def role_required(*roles: Role):
    """Anonymous users go to the login page; signed-in users without one of
    `roles` get a 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def confirmed_email_required(view):
    """Booking and other commitments need a confirmed e-mail address: others
    are sent to their dashboard with a message and a link to get a new one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.email_confirmed:
            messages.warning(
                request,
                _("Confirm your e-mail address first: we sent you a link when you registered."),
            )
            return redirect("accounts:resend_confirmation")
        return view(request, *args, **kwargs)

    return wrapper
