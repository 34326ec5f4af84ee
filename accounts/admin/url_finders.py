"""Where the Wagtail admin links an object that no form edits (a campaign, a spot,
a quote request): its own page in the admin, never an "edit" URL that does not
exist.

Wagtail asks the URL finder of a model for the link of each object it lists in a
"usage" page (users, advertisers, sectors, rate cards, videos, images), in the
history and in search. A `ModelViewSet` registers a finder that reverses its
`edit` URL; a viewset that routes no edit view must register `object_page_finder`
instead, else those pages fail with `NoReverseMatch`. Shared by the viewsets of
the apps above `accounts` (simulator, campaigns)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.admin.admin_url_finder import ModelAdminURLFinder


class ObjectPageURLFinder(ModelAdminURLFinder):
    """The URL of the page that shows an object (`url_name`, one argument: the
    primary key of `target(instance)`), for a user who may see it."""

    url_name: str = ""
    actions = ("view", "change")

    def target(self, instance):
        return instance

    def construct_edit_url(self, instance):
        target = self.target(instance)
        if target is None:
            return None
        return reverse(self.url_name, args=(quote(target.pk),))

    def get_edit_url(self, instance):
        target = self.target(instance)
        if target is None:
            return None
        policy = self.permission_policy
        if (
            self.user is not None
            and policy is not None
            and not policy.user_has_any_permission_for_instance(
                self.user, list(self.actions), target
            )
        ):
            return None
        return self.construct_edit_url(instance)


def object_page_finder(
    url_name: str,
    permission_policy,
    *,
    target: Callable | None = None,
) -> type[ObjectPageURLFinder]:
    """A finder class linking to `url_name` (e.g. "campaigns_all:inspect"), for
    the users to whom `permission_policy` grants "view" or "change" on the target
    (the object itself, or `target(instance)`: a spot's campaign)."""
    attributes = {"url_name": url_name, "permission_policy": permission_policy}
    if target is not None:
        attributes["target"] = lambda self, instance: target(instance)
    return type("_ObjectPageURLFinder", (ObjectPageURLFinder,), attributes)
