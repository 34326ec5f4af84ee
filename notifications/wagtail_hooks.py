"""Wagtail admin of the notifications app: the outgoing e-mail queue."""

from wagtail import hooks

from .admin.emails import OutgoingEmailViewSet


@hooks.register("register_admin_viewset")
def register_outgoing_emails():
    return OutgoingEmailViewSet()
