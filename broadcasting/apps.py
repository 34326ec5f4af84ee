from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "broadcasting"
    verbose_name = _("Broadcasting")

    def ready(self) -> None:
        from campaigns.panels import register_campaign_panel
        from campaigns.signals import campaign_approved

        from .selectors.advertiser import campaign_airings
        from .tasks import on_campaign_approved

        campaign_approved.connect(on_campaign_approved, dispatch_uid="broadcasting.placement")
        register_campaign_panel(
            "broadcast",
            template="broadcasting/advertiser/_campaign_airings.html",
            context=campaign_airings,
        )

        from campaigns.admin.links import register_campaign_admin_link

        from .admin.links import placement_link

        register_campaign_admin_link(
            "placement", label=_("Placement"), url=placement_link, icon="calendar"
        )

        # The airing as a subject of a conversation.
        from .conversation_subjects import register as register_conversation_subjects

        register_conversation_subjects()
