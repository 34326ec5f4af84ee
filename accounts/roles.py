"""The five roles of the portal, the home each one lands on, and the areas of the
site each one may open (used to follow a `next` parameter safely)."""

from __future__ import annotations

from enum import StrEnum

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


class Role(StrEnum):
    ADVERTISER = "advertiser"
    ADMINISTRATOR = "administrator"
    BROADCASTER = "broadcaster"
    EDITORIAL = "editorial"
    ACCOUNTANT = "accountant"


# Django group names, as the staff read them in the admin.
GROUP_NAMES: dict[Role, str] = {
    Role.ADVERTISER: "Annonceur",
    Role.ADMINISTRATOR: "Administrateur commercial",
    Role.BROADCASTER: "Diffuseur",
    Role.EDITORIAL: "Responsable rédaction",
    Role.ACCOUNTANT: "Comptable",
}
GROUP_TO_ROLE = {name: role for role, name in GROUP_NAMES.items()}

# When a user belongs to several groups, the most powerful role wins.
ROLE_PRECEDENCE = [
    Role.ADMINISTRATOR,
    Role.ACCOUNTANT,
    Role.EDITORIAL,
    Role.BROADCASTER,
    Role.ADVERTISER,
]


def _group_names(user) -> set[str]:
    cached = getattr(user, "_bf1_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._bf1_group_names = cached
    return cached


def roles_of(user) -> set[Role]:
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    roles = {GROUP_TO_ROLE[name] for name in _group_names(user) if name in GROUP_TO_ROLE}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    return roles


def role_of(user) -> Role | None:
    roles = roles_of(user)
    for role in ROLE_PRECEDENCE:
        if role in roles:
            return role
    return None


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def home_url(user) -> str:
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return reverse("wagtailadmin_home")
    if role == Role.ACCOUNTANT:
        return reverse("wagtailadmin_home")
    if role == Role.EDITORIAL:
        return reverse("editorial_desk")
    if role == Role.BROADCASTER:
        return reverse("broadcasting:dashboard")
    if role == Role.ADVERTISER:
        return reverse("campaigns:dashboard")
    return reverse("accounts:profile")


# Private areas of the site (path prefixes) and the roles that may open them.
# Anything else (public pages, /profile/, /notifications/) is open to every
# signed-in user.
AREAS: list[tuple[str, frozenset[Role]]] = [
    ("/admin/", frozenset({Role.ADMINISTRATOR, Role.EDITORIAL, Role.ACCOUNTANT})),
    ("/diffusion/", frozenset({Role.BROADCASTER, Role.ADMINISTRATOR})),
    ("/campaigns/", frozenset({Role.ADVERTISER})),
    ("/broadcasts/", frozenset({Role.ADVERTISER})),
    ("/reports/", frozenset({Role.ADVERTISER, Role.ADMINISTRATOR})),
    ("/billing/", frozenset({Role.ADVERTISER})),
]
NEVER_REDIRECT_TO = ("/logout/", "/login/", "/register/")


def may_open(user, path: str) -> bool:
    if any(path.startswith(prefix) for prefix in NEVER_REDIRECT_TO):
        return False
    roles = roles_of(user)
    for prefix, allowed in AREAS:
        if path.startswith(prefix):
            return bool(roles & allowed)
    return True


def safe_next_url(request, candidate: str | None) -> str | None:
    """Return `candidate` if it is a local URL the signed-in user may open."""
    if not candidate:
        return None
    if not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    if not candidate.startswith("/") or candidate.startswith("//"):
        return None
    path = candidate.split("?", 1)[0].split("#", 1)[0]
    if not may_open(request.user, path):
        return None
    return candidate
