"""Reads of the accounts app shared by other apps."""

from .models import User
from .roles import GROUP_NAMES, Role


def active_users_of_advertiser(advertiser) -> list[User]:
    """The active user accounts of a client company, in a stable order."""
    return list(advertiser.users.filter(is_active=True).order_by("pk"))


def active_users_with_role(role: Role):
    """Active members of the role's group (superusers are not members as such)."""
    return (
        User.objects.filter(is_active=True, groups__name=GROUP_NAMES[role])
        .distinct()
        .order_by("pk")
    )
