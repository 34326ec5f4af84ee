"""The permission policy of the admin e-mail list."""

from wagtail.permission_policies import ModelPermissionPolicy


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view" is ever granted, to superusers too: the queue is written by
    the e-mail backend and its delivery task, never edited by hand (staff who
    may view it may only send a failed or stuck e-mail again)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])
