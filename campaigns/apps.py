from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from accounts.media_access import register_media_reader

        from .media_access import can_read

        register_media_reader(
            ("media/", "media_thumbnails/", "original_images/", "campaigns/"), can_read
        )
