from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conversations"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from accounts.media_access import register_media_reader

        from .media_access import PREFIX, can_read

        register_media_reader((PREFIX,), can_read)

        from .selectors.unread_cache import connect_unread_invalidation

        # The navigation's unread count, cached until a conversation changes.
        connect_unread_invalidation()
