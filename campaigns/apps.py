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

        # The advertiser category (the cultural rate's): both sides are told.
        from accounts.signals import category_decided, category_requested

        from .services.category_notices import on_category_decided, on_category_requested

        category_requested.connect(on_category_requested, dispatch_uid="campaigns.cat_requested")
        category_decided.connect(on_category_decided, dispatch_uid="campaigns.cat_decided")

        # The campaign and the spot as subjects of a conversation.
        from .conversation_subjects import register as register_conversation_subjects

        register_conversation_subjects()
