"""Helpers shared by the tests of the public site and its admin."""

import io
import re

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role

PASSWORD_ROW = re.compile(
    r"^\|\s*(?P<role>[^|]+?)\s*\|\s*(?P<email>\S+@\S+)\s*\|\s*(?P<pw>\S+)\s*\|"
)


def run_seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def passwords_in(output: str) -> dict[str, str]:
    """The e-mail -> password table printed by seed_demo."""
    return {m["email"]: m["pw"] for line in output.splitlines() if (m := PASSWORD_ROW.match(line))}


def make_user(email: str, role: Role | None = None, **extra) -> User:
    user = User.objects.create_user(email=email, password="unused-pass-42", **extra)
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


def login(client, user) -> None:
    client.force_login(user, backend="accounts.backends.EmailBackend")


def png_file(name: str = "photo.png", size=(64, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (220, 38, 38)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
