from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from conversations.working_hours import register_business_hours_provider
        from simulator.contact import register_contact_provider

        from .business_hours import site_business_hours
        from .demo.showcase import seed_showcase
        from .models import ContactSettings
        from .signals import connect_page_cache_invalidation, demo_seeded

        # The contact line of the rate card's PDF: the site's contact details.
        register_contact_provider(ContactSettings.for_request)
        # The conversation reminders count in the business hours of the site settings.
        register_business_hours_provider(site_business_hours)
        # Cached public pages replaced when what they show changes (core/page_cache.py).
        connect_page_cache_invalidation()
        # The advisor and the advertiser stories of the demo (seed_demo).
        demo_seeded.connect(seed_showcase, dispatch_uid="home-showcase")
