"""The staff member a bench signs in as: created once per bench database, in the
role's group, with no usable password."""

from __future__ import annotations


def staff_user(email: str, role, last_name: str):
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import GROUP_NAMES

    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": "Bench", "last_name": last_name}
    )
    if created:
        user.is_staff = True
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user
