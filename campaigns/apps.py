from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from accounts.media_access import register_media_reader

        from .media_access import CAMPAIGN_FILE_PREFIX, SPOT_FILE_PREFIXES, can_read

        register_media_reader((*SPOT_FILE_PREFIXES, CAMPAIGN_FILE_PREFIX), can_read)

        from django.db.models.signals import post_save
        from wagtail.images import get_image_model

        from .spot_storage import keep_spot_image_private

        post_save.connect(
            keep_spot_image_private,
            sender=get_image_model(),
            dispatch_uid="campaigns.keep_spot_image_private",
        )
