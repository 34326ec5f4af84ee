from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from broadcasting.models import Airing, Break
        from campaigns.models import Campaign

        from .admin.shell_cache import install_sidebar_cache
        from .selectors.key_figures_cache import bump_version

        # The admin's sidebar, a minute per user (reports/admin/shell_cache.py).
        install_sidebar_cache()

        # The dashboard's cached key figures follow every airing, break and campaign.
        for model in (Airing, Break, Campaign):
            for signal in (post_save, post_delete):
                signal.connect(bump_version, sender=model)
