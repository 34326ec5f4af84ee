"""Uploaded files under /media/ reach only the people allowed to see them: a profile
photo its owner and the administrators, an original or a document the
administrators, a guide video everyone once it is on a live page. Anyone else gets
the same 404 as for a missing file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory

from accounts.models import User
from accounts.views.media import serve_private_media

PHOTO_BYTES = b"\xff\xd8\xff\xe0 not really a JPEG, the view never decodes it"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def owner(db):
    user = User.objects.create_user(email="awa@sahel-boissons.bf", password="x-Long-pass-1")
    user.photo.save("awa.jpg", ContentFile(PHOTO_BYTES))
    return user


@pytest.fixture
def other(db):
    return User.objects.create_user(email="ibrahim@faso-telecom.bf", password="x-Long-pass-1")


@pytest.fixture
def commercial_admin(db):
    user = User.objects.create_user(email="commercial@bf1.bf", password="x-Long-pass-1")
    user.groups.add(Group.objects.get(name="Administrateur commercial"))
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="root@bf1.bf", password="x-Long-pass-1")


def fetch(path: str, user=None, method: str = "get"):
    request = getattr(RequestFactory(), method)(f"/media/{path}")
    request.user = user or AnonymousUser()
    return serve_private_media(request, path)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_owner_sees_own_profile_photo(owner):
    response = fetch(owner.photo.name, owner)

    assert response.status_code == 200
    assert body(response) == PHOTO_BYTES
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_other_user_gets_404_for_a_profile_photo(owner, other):
    with pytest.raises(Http404):
        fetch(owner.photo.name, other)


@pytest.mark.django_db
def test_anonymous_gets_404_for_a_profile_photo(owner):
    with pytest.raises(Http404):
        fetch(owner.photo.name)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["commercial_admin", "superuser"])
def test_administrators_see_every_profile_photo(owner, who, request):
    response = fetch(owner.photo.name, request.getfixturevalue(who))

    assert response.status_code == 200
    assert body(response) == PHOTO_BYTES


@pytest.mark.django_db
def test_inactive_owner_gets_404(owner):
    owner.is_active = False
    owner.save()

    with pytest.raises(Http404):
        fetch(owner.photo.name, owner)


@pytest.mark.django_db
def test_missing_file_looks_like_a_forbidden_one(commercial_admin, other):
    with pytest.raises(Http404):
        fetch("profiles/2025/01/999-000000.jpg", commercial_admin)
    with pytest.raises(Http404):
        fetch("profiles/2025/01/999-000000.jpg", other)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "profiles/../../secret.txt",
        "images/../original_images/photo.jpg",
        "/etc/passwd",
        "profiles//photo.jpg",
        "./images/photo.jpg",
        "images\\..\\secret.txt",
        "images/photo.jpg\x00.png",
        "",
        "profiles/",
    ],
)
def test_path_traversal_and_odd_paths_get_404(path, commercial_admin, media_root):
    (media_root.parent / "secret.txt").write_text("secret")
    default_storage.save("original_images/photo.jpg", ContentFile(b"original"))
    default_storage.save("images/photo.jpg", ContentFile(b"rendition"))

    with pytest.raises(Http404):
        fetch(path, commercial_admin)


@pytest.mark.django_db
def test_a_folder_is_not_served(owner, commercial_admin):
    folder = owner.photo.name.rsplit("/", 1)[0]

    with pytest.raises(Http404):
        fetch(folder, commercial_admin)


@pytest.mark.django_db
def test_image_renditions_are_public():
    name = default_storage.save("images/spot.fill-300x200.jpg", ContentFile(b"rendition"))

    response = fetch(name)

    assert response.status_code == 200
    assert body(response) == b"rendition"
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("folder", ["original_images", "documents", "spots/2025"])
def test_other_uploads_are_for_administrators_only(folder, owner, commercial_admin):
    name = default_storage.save(f"{folder}/contrat.pdf", ContentFile(b"%PDF-1.4"))

    for user in (None, owner):
        with pytest.raises(Http404):
            fetch(name, user)
    response = fetch(name, commercial_admin)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")


@pytest.mark.django_db
def test_a_file_browsers_would_run_is_sent_as_a_download(commercial_admin):
    name = default_storage.save("documents/page.html", ContentFile(b"<script>alert(1)</script>"))

    response = fetch(name, commercial_admin)

    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_wagtail_admin_avatars_are_for_admin_users(commercial_admin, other):
    name = default_storage.save("avatar_images/avatar.png", ContentFile(b"png"))

    assert fetch(name, commercial_admin).status_code == 200
    with pytest.raises(Http404):
        fetch(name, other)


@pytest.mark.django_db
def test_only_safe_methods_are_allowed(owner):
    assert fetch(owner.photo.name, owner, method="post").status_code == 405


@pytest.mark.django_db
def test_nginx_sends_the_bytes_when_accel_redirect_is_configured(settings, owner):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_protected_media/"

    response = fetch(owner.photo.name, owner)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{owner.photo.name}"
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def video(db):
    from wagtailmedia.models import get_media_model

    return get_media_model().objects.create(
        title="Préparer son spot",
        type="video",
        file=ContentFile(b"mp4 bytes", name="guide.mp4"),
    )


@pytest.mark.django_db
def test_a_video_on_no_page_is_for_administrators_only(video, other, commercial_admin):
    for user in (None, other):
        with pytest.raises(Http404):
            fetch(video.file.name, user)
    assert fetch(video.file.name, commercial_admin).status_code == 200


@pytest.mark.django_db
def test_a_video_on_a_live_page_is_public_until_unpublished(
    video, django_capture_on_commit_callbacks
):
    from wagtail.models import Page, PageViewRestriction

    from home.models import StandardPage

    root = Page.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        page = root.add_child(
            instance=StandardPage(
                title="Guide vidéo",
                slug="guide-video-media-test",
                body=[("video", {"video": video, "caption": ""})],
                live=False,
            )
        )
    with pytest.raises(Http404):
        fetch(video.file.name)  # a draft does not make it public

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = fetch(video.file.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert "public" in response["Cache-Control"]

    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    with pytest.raises(Http404):
        fetch(video.file.name)  # a page behind a login is not public
    restriction.delete()

    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with pytest.raises(Http404):
        fetch(video.file.name)
