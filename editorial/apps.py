from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Editorial desk")

    def ready(self) -> None:
        from accounts.media_access import register_media_reader

        from .media_access import can_read

        register_media_reader(("editorial/",), can_read)

        # The coverage request as a subject of a conversation.
        from .conversation_subjects import register as register_conversation_subjects

        register_conversation_subjects()
