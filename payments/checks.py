"""`check --deploy`: payments on with the sandbox, or without the keys of the
provider chosen, is refused."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

REQUIRED_KEYS = {
    "ligdicash": ("LIGDICASH_API_KEY", "LIGDICASH_API_TOKEN"),
    "cinetpay": ("CINETPAY_API_KEY", "CINETPAY_SITE_ID", "CINETPAY_SECRET_KEY"),
}


@register(Tags.security, deploy=True)
def payments_configured(app_configs, **kwargs):
    if not getattr(settings, "ENABLE_PAYMENTS", False):
        return []
    provider = settings.PAYMENTS_PROVIDER
    if provider == "sandbox" or settings.PAYMENTS_ALLOW_SANDBOX:
        return [
            Error(
                "ENABLE_PAYMENTS is on with the sandbox provider allowed.",
                hint="Set PAYMENTS_PROVIDER to ligdicash or cinetpay and PAYMENTS_ALLOW_SANDBOX=0.",
                id="payments.E001",
            )
        ]
    missing = [name for name in REQUIRED_KEYS.get(provider, ()) if not getattr(settings, name, "")]
    if provider not in REQUIRED_KEYS or missing:
        return [
            Error(
                f"Payment provider {provider!r} is not configured: "
                f"{', '.join(missing) or 'unknown provider'}.",
                hint="Give the provider's keys in the environment.",
                id="payments.E002",
            )
        ]
    return []
