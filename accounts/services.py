"""Writes of the accounts app: registration, e-mail confirmation, profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import AccountError, EmailAlreadyRegistered
from .models import Advertiser, AdvertiserCategory, BusinessSector, User
from .ratelimit import allow_notice
from .roles import GROUP_NAMES, Role
from .signals import category_decided, category_requested
from .tokens import make_confirmation_token, read_confirmation_token


@transaction.atomic
def register_advertiser(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    phone: str,
    company_name: str,
    sector: BusinessSector | None = None,
    ifu: str = "",
    rccm: str = "",
    address: str = "",
    company_phone: str = "",
) -> User:
    """Create the advertiser company and its first user, in the Annonceur group,
    then send the e-mail confirmation link."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise EmailAlreadyRegistered(_("An account already exists with this e-mail address."))
    advertiser = Advertiser.objects.create(
        name=company_name.strip(),
        sector=sector,
        ifu=ifu.strip().upper(),
        rccm=rccm.strip().upper(),
        address=address.strip(),
        phone=company_phone or phone,
    )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                phone=phone,
                advertiser=advertiser,
            )
    except IntegrityError:
        # The same address registered a moment ago (double submit, two tabs).
        raise EmailAlreadyRegistered(
            _("An account already exists with this e-mail address.")
        ) from None
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[Role.ADVERTISER])
    user.groups.add(group)
    transaction.on_commit(lambda: send_confirmation_email(user=user))
    return user


def sign_up(*, email: str, password: str, **details) -> User | None:
    """Registration as the public page runs it: the new advertiser (see
    `register_advertiser`), or None when the address already has an account. Then
    nothing is created and the owner is warned by e-mail instead, so that the page
    can answer exactly as for a new address (it never tells who has an account)."""
    try:
        return register_advertiser(email=email, password=password, **details)
    except EmailAlreadyRegistered:
        # As long as a real sign-up: the answer time says nothing either.
        make_password(password)
        warn_existing_owner(email=email)
        return None


def warn_existing_owner(*, email: str) -> None:
    """E-mail the owner of `email`: someone tried to create an account with it
    (at most REGISTRATION_NOTICE_PER_EMAIL times an hour)."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None or not allow_notice(user.email):
        return
    transaction.on_commit(lambda: send_existing_account_email(user=user))


def send_existing_account_email(*, user: User) -> None:
    context = {
        "user": user,
        "login_url": f"{settings.SITE_URL}{reverse('accounts:login')}",
        "reset_url": f"{settings.SITE_URL}{reverse('accounts:password_reset')}",
        "site_url": settings.SITE_URL,
    }
    send_mail(
        subject=_("BF1 Pub: someone tried to create an account with your address"),
        message=render_to_string("accounts/email/existing_account.txt", context),
        html_message=render_to_string("accounts/email/existing_account.html", context),
        from_email=None,
        recipient_list=[user.email],
    )


def confirmation_url(user: User) -> str:
    path = reverse("accounts:confirm_email", args=[make_confirmation_token(user)])
    return f"{settings.SITE_URL}{path}"


def send_confirmation_email(*, user: User) -> None:
    context = {"user": user, "url": confirmation_url(user), "site_url": settings.SITE_URL}
    send_mail(
        subject=_("BF1 Pub: confirm your e-mail address"),
        message=render_to_string("accounts/email/confirm_email.txt", context),
        html_message=render_to_string("accounts/email/confirm_email.html", context),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def confirm_email(*, token: str) -> User:
    """Mark the address confirmed. Raises AccountError saying whether the link
    is expired or invalid."""
    check = read_confirmation_token(token)
    if check.problem == "expired":
        raise AccountError(_("This confirmation link has expired."))
    if check.problem:
        raise AccountError(_("This confirmation link is invalid."))
    user = User.objects.select_for_update().filter(pk=check.user_id, is_active=True).first()
    if user is None or user.email.lower() != check.email:
        raise AccountError(_("This confirmation link is invalid."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


def resend_confirmation(*, email: str) -> None:
    """Send a new link if an unconfirmed account has this address. Says nothing
    about whether the account exists."""
    user = User.objects.filter(
        email__iexact=email.strip(), is_active=True, email_confirmed_at__isnull=True
    ).first()
    if user is not None:
        send_confirmation_email(user=user)


@transaction.atomic
def update_profile(*, user: User, data: dict, photo=None, remove_photo: bool = False) -> User:
    # Read the stored photo from the database: a ModelForm bound to `user` has
    # already put the new upload on the instance.
    old_photo = User.objects.filter(pk=user.pk).values_list("photo", flat=True).first() or ""
    for field in ("first_name", "last_name", "phone"):
        if field in data:
            setattr(user, field, data[field])
    if photo is not None:
        user.photo = photo
    elif remove_photo:
        user.photo = ""
    user.save()
    new_photo = user.photo.name if user.photo else ""
    if old_photo and old_photo != new_photo:
        storage = user.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return user


@transaction.atomic
def update_company(*, user: User, data: dict) -> Advertiser:
    advertiser = user.advertiser
    if advertiser is None:
        raise AccountError(_("Your account is not attached to a company."))
    for field in ("name", "ifu", "rccm", "address", "phone", "sector"):
        if field in data:
            value = data[field]
            if field in ("ifu", "rccm") and value:
                value = value.strip().upper()
            setattr(advertiser, field, value)
    advertiser.full_clean()
    advertiser.save()
    return advertiser


@transaction.atomic
def request_category(*, user: User, category: str, document) -> Advertiser:
    """The advertiser asks for `category` (e.g. cultural organisation) with a
    supporting document already checked by its form (accounts.uploads); the
    commercial team is told and decides in the admin."""
    advertiser = user.advertiser
    if advertiser is None:
        raise AccountError(_("Your account is not attached to a company."))
    advertiser = Advertiser.objects.select_for_update().get(pk=advertiser.pk)
    if category not in AdvertiserCategory.values or category == AdvertiserCategory.STANDARD:
        raise AccountError(_("Choose a category from the list."))
    if advertiser.category == category:
        raise AccountError(_("Your company already has this category."))
    if not document:
        raise AccountError(_("Attach a document that shows the category."))
    old_document = advertiser.category_document.name or ""
    advertiser.requested_category = category
    advertiser.category_requested_at = timezone.now()
    advertiser.category_requested_by = user
    advertiser.category_document = document
    advertiser.save()
    if old_document and old_document != advertiser.category_document.name:
        storage = advertiser.category_document.storage
        transaction.on_commit(lambda: storage.delete(old_document))
    category_requested.send(sender=Advertiser, advertiser=advertiser, user=user)
    user.advertiser = advertiser
    return advertiser


@transaction.atomic
def set_category(
    *, advertiser: Advertiser, category: str, actor: User, note: str = ""
) -> Advertiser:
    """The commercial team sets or confirms `advertiser`'s category (recorded with
    who and when). A pending request is closed: granted when `category` is the one
    asked for, refused otherwise (then `note`, the reason, is required)."""
    if category not in AdvertiserCategory.values:
        raise AccountError(_("Choose a category from the list."))
    locked = Advertiser.objects.select_for_update().get(pk=advertiser.pk)
    requested = locked.requested_category
    note = (note or "").strip()
    refused = bool(requested) and category != requested
    if refused and not note:
        raise AccountError(
            _("Give the reason for refusing the request: it is sent to the advertiser."),
        )
    changed = category != locked.category
    if not changed and not requested:
        return locked
    locked.category = category
    locked.category_set_at = timezone.now()
    locked.category_set_by = actor
    locked.category_note = note
    locked.requested_category = ""
    locked.save()
    category_decided.send(
        sender=Advertiser,
        advertiser=locked,
        actor=actor,
        granted=not refused,
        requested=requested,
    )
    advertiser.refresh_from_db()
    return locked
