"""factory-boy factories for the accounts app, reused by every later issue."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Advertiser, BusinessSector, User
from accounts.roles import GROUP_NAMES, Role

# Known to the tests only; long and unrelated to any e-mail address the factories make.
DEFAULT_PASSWORD = "Baobab-Soleil-2024!"


def role_group(role: Role) -> Group:
    """The Django group of a role (created by the 0002_roles data migration; created
    here too when a transactional test flushed it away)."""
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
    return group


def put_in_role(user: User, *roles: Role) -> User:
    """Add the user to the groups of `roles` (administrators also get is_staff)."""
    for role in roles:
        user.groups.add(role_group(role))
        if role == Role.ADMINISTRATOR and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    # roles.py caches the group names on the instance.
    if hasattr(user, "_bf1_group_names"):
        del user._bf1_group_names
    return user


class BusinessSectorFactory(DjangoModelFactory):
    class Meta:
        model = BusinessSector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Secteur {n}")
    slug = factory.Sequence(lambda n: f"secteur-{n}")
    requires_authorization = False
    is_active = True


class AdvertiserFactory(DjangoModelFactory):
    class Meta:
        model = Advertiser

    name = factory.Sequence(lambda n: f"Entreprise {n} SARL")
    ifu = factory.Sequence(lambda n: f"{n % 100_000_000:08d}A")
    rccm = factory.Sequence(lambda n: f"BF-OUA-2020-B-{n % 1_000_000}")
    address = "Avenue Kwame Nkrumah, Ouagadougou"
    phone = "+22625300000"
    sector = factory.SubFactory(BusinessSectorFactory)


class UserFactory(DjangoModelFactory):
    """A confirmed user without any role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.bf")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    phone = "+22670123456"
    email_confirmed_at = factory.LazyFunction(timezone.now)
    is_active = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            put_in_role(self, *extracted)


class AdvertiserUserFactory(UserFactory):
    """A client user in the Annonceur group, attached to its company."""

    advertiser = factory.SubFactory(AdvertiserFactory)
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: (
            put_in_role(user, *(extracted or [Role.ADVERTISER])) if create else None
        )
    )
