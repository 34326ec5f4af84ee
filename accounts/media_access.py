"""Who may read an uploaded file under MEDIA_URL (see
docs/decisions/0005-private-media.md; the files are served by
`accounts.views.media.serve_private_media`):

- `images/`: Wagtail image renditions, public (the renditions of spot images and
  posters are never written here: see `spots/`);
- `profiles/`: profile photos, to their owner and to administrators;
- `advertisers/`: the document supporting an advertiser's category request, to
  that advertiser's users and to administrators;
- `avatar_images/`: Wagtail admin avatars, to people who may open the Wagtail admin;
- `media/`, `media_thumbnails/`: wagtailmedia files, public while the item is used
  on a live public page (guide videos) whose specific class, if it has a
  `media_is_public(item)` method, agrees (an advertiser story's video waits for
  the advertiser's consent), administrators only otherwise;
- spot and campaign files (`media/`, `media_thumbnails/`, `original_images/`,
  `campaigns/`): also to the users their app says may read them (the campaign's
  advertiser, the broadcasters for approved spots), a rule the app registers
  (`register_media_reader` in its `AppConfig.ready()`) so that this module knows
  nothing of it;
- `spots/`: spot images, video posters and their renditions (random names; see
  docs/decisions/0011-private-spot-media.md), to administrators and the readers
  campaigns registers (the spot's advertiser, broadcasters for approved spots);
- `editorial/`: coverage request attachments and delivered content, to the
  requester, the editorial desk and administrators (registered by `editorial`);
- `billing/`: invoices, credit notes, certified PDFs and withholding certificates,
  to the company billed and the accountants (registered by `billing`);
- `conversations/`: files attached to messages, to the thread's participants
  (registered by `conversations`);
- anything else (`original_images/`, `documents/`, later uploads): administrators."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from accounts.roles import Role, has_role


class Access(Enum):
    DENIED = "denied"
    PRIVATE = "private"  # this user may read it; caches must not share it
    PUBLIC = "public"  # anyone may read it


def normalise_media_path(path: str) -> str | None:
    """Return `path` if it is a plain relative path inside the media storage, else
    None: no absolute path, no `.` or `..` segment, no empty segment, no backslash or
    NUL byte."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    if any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return path


def _is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def _public(user, path: str) -> Access:
    return Access.PUBLIC


def _administrators_only(user, path: str) -> Access:
    return Access.PRIVATE if _is_administrator(user) else Access.DENIED


def _profile_photo(user, path: str) -> Access:
    if not user.is_authenticated or not user.is_active:
        return Access.DENIED
    if user.photo and user.photo.name == path:
        return Access.PRIVATE
    return _administrators_only(user, path)


def _advertiser_document(user, path: str) -> Access:
    if _is_administrator(user):
        return Access.PRIVATE
    if not user.is_authenticated or not user.is_active or not user.advertiser_id:
        return Access.DENIED
    from accounts.models import Advertiser

    if Advertiser.objects.filter(pk=user.advertiser_id, category_document=path).exists():
        return Access.PRIVATE
    return Access.DENIED


def _admin_avatar(user, path: str) -> Access:
    if user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin"):
        return Access.PRIVATE
    return Access.DENIED


def _page_makes_public(page, item) -> bool:
    """A live public page that uses `item` makes it public, unless its specific
    class answers otherwise through `media_is_public(item) -> bool` (duck-typed:
    an advertiser story keeps its video private until consent is recorded)."""
    if not callable(getattr(page.specific_class, "media_is_public", None)):
        return True
    return bool(page.specific.media_is_public(item))


def _used_on_live_public_page(item) -> bool:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(item)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    if not page_ids:
        return False
    pages = Page.objects.live().public().filter(pk__in=page_ids)
    return any(_page_makes_public(page, item) for page in pages)


def _wagtailmedia_file(user, path: str) -> Access:
    if _is_administrator(user):
        return Access.PRIVATE
    from django.db.models import Q
    from wagtailmedia.models import get_media_model

    items = get_media_model().objects.filter(Q(file=path) | Q(thumbnail=path))
    if any(_used_on_live_public_page(item) for item in items):
        return Access.PUBLIC
    return Access.DENIED


# Readers that other apps register in their AppConfig.ready() (downward imports
# only: this module knows no app above it), by folder prefix.
_READERS: dict[str, list[Callable[..., bool]]] = {}


def register_media_reader(prefixes: tuple[str, ...], reader: Callable[..., bool]) -> None:
    """Let `reader(user, path) -> bool` grant private reads of files under each of
    `prefixes` (one of the folders of RULES). Registering twice is harmless."""
    for prefix in prefixes:
        readers = _READERS.setdefault(prefix, [])
        if reader not in readers:
            readers.append(reader)


def _app_readers(prefix: str) -> Callable[..., Access]:
    """The readers registered for `prefix`: PRIVATE when one says yes, DENIED
    otherwise."""

    def rule(user, path: str) -> Access:
        readers = _READERS.get(prefix, ())
        return Access.PRIVATE if any(r(user, path) for r in readers) else Access.DENIED

    return rule


def _first_granted(*rules: Callable[..., Access]) -> Callable[..., Access]:
    """The answer of the first rule that does not deny."""

    def rule(user, path: str) -> Access:
        for candidate in rules:
            access = candidate(user, path)
            if access is not Access.DENIED:
                return access
        return Access.DENIED

    return rule


def _folder(prefix: str, *rules: Callable[..., Access]) -> Callable[..., Access]:
    """Administrators, then the readers apps registered for `prefix`, then `rules`."""
    return _first_granted(_administrators_only, _app_readers(prefix), *rules)


# First matching prefix wins; a path that matches none is for administrators only.
# Spots and campaign documents are read by their advertiser and the broadcasters
# (campaigns registers its reader), coverage request files by the requester and the
# editorial desk (editorial registers its reader).
RULES: list[tuple[str, Callable[..., Access]]] = [
    ("images/", _public),
    ("profiles/", _profile_photo),
    ("advertisers/", _advertiser_document),
    ("avatar_images/", _admin_avatar),
    ("media/", _folder("media/", _wagtailmedia_file)),
    ("media_thumbnails/", _folder("media_thumbnails/", _wagtailmedia_file)),
    ("original_images/", _folder("original_images/")),
    ("campaigns/", _folder("campaigns/")),
    ("spots/", _folder("spots/")),
    ("editorial/", _folder("editorial/")),
    ("billing/", _folder("billing/")),
    ("conversations/", _folder("conversations/")),
]


def media_access(user, path: str) -> Access:
    """Who may read the media file at `path` (already normalised)."""
    for prefix, rule in RULES:
        if path.startswith(prefix):
            return rule(user, path)
    return _administrators_only(user, path)
