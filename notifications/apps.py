from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from accounts.profile_sections import ProfileSection, register_profile_section

        from .selectors import email_preferences

        # The "Notifications" tab of /profile/: the e-mail switch of each kind,
        # saved by notifications:email_preferences (its own form and URL).
        register_profile_section(
            ProfileSection(
                key="notifications",
                label=_("Notifications"),
                icon="fa-bell",
                template="notifications/profile_section.html",
                context=lambda user: {"email_preferences": email_preferences(user)},
            )
        )
