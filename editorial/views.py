from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role


def desk(request):
    """The editorial desk's home inside the Wagtail admin."""
    if not has_role(request.user, Role.EDITORIAL, Role.ADMINISTRATOR):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "editorial/desk.html",
        {"page_title": _("Editorial desk"), "requests": []},
    )
