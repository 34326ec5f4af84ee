"""Navigation entries shown to each role in the site header."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import Role, role_of


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    role = role_of(user) if user is not None else None
    if role == Role.ADVERTISER:
        items = [
            (_("My campaigns"), reverse("campaigns:dashboard"), "fa-bullhorn"),
            (_("Broadcasts"), reverse("broadcasts:calendar"), "fa-tower-broadcast"),
            (_("My report"), reverse("reports:overview"), "fa-chart-column"),
            (_("Invoices"), reverse("billing:overview"), "fa-file-invoice"),
            (_("Media coverage"), reverse("editorial:request_list"), "fa-video"),
            (_("Messages"), reverse("conversations:list"), "fa-comments"),
        ]
    elif role == Role.BROADCASTER:
        items = [(_("Planning"), reverse("broadcasting:dashboard"), "fa-tower-broadcast")]
    elif role == Role.EDITORIAL:
        items = [(_("Editorial desk"), reverse("editorial_desk"), "fa-newspaper")]
    elif role is None and user is not None and user.is_authenticated:
        # A signed-in requester without a role follows their coverage requests.
        items = [
            (_("Media coverage"), reverse("editorial:request_list"), "fa-video"),
            (_("Messages"), reverse("conversations:list"), "fa-comments"),
        ]
    elif role is None:
        # Visitors may ask for press coverage without an account.
        items = [(_("Media coverage"), reverse("editorial:request_create"), "fa-video")]
    elif role == Role.ADMINISTRATOR:
        items = [
            (_("Administration"), reverse("wagtailadmin_home"), "fa-gauge"),
            (_("Planning"), reverse("broadcasting:dashboard"), "fa-tower-broadcast"),
        ]
    return {
        "nav_role": role.value if role else "",
        "nav_items": items,
        "nav_current": _current(getattr(request, "path", ""), items),
    }


PUBLIC_LINKS = (
    "/tarifs/",
    "/simulateur/",
    "/conseiller/",
    "/references/",
    "/guides/",
    "/contact/",
)


def _current(path: str, items) -> str:
    """Which links of the navigation the page is under, as the links' own tests
    in components/nav_links.html decide: the key of the cached navigation."""
    current = ["/"] if path == "/" else []
    current += [url for url in PUBLIC_LINKS if url in path]
    current += [url for _label, url, _icon in items if url in path]
    return "|".join(current)
