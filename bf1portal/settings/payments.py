"""Settings of the online payment of invoices (payments/), read from the
environment; imported by base.py. Off unless ENABLE_PAYMENTS; the sandbox
provider only where PAYMENTS_ALLOW_SANDBOX (development, tests)."""

from .env import env_bool, env_float, env_int, env_str

ENABLE_PAYMENTS = env_bool("ENABLE_PAYMENTS", False)
PAYMENTS_PROVIDER = env_str("PAYMENTS_PROVIDER", "sandbox")  # sandbox | ligdicash | cinetpay
PAYMENTS_ALLOW_SANDBOX = env_bool("PAYMENTS_ALLOW_SANDBOX", False)
PAYMENTS_MIN_AMOUNT = env_int("PAYMENTS_MIN_AMOUNT", 100)
PAYMENTS_MAX_AMOUNT = env_int("PAYMENTS_MAX_AMOUNT", 2_000_000)
PAYMENTS_RECHECK_MINUTES = env_int("PAYMENTS_RECHECK_MINUTES", 10)
PAYMENTS_EXPIRE_HOURS = env_int("PAYMENTS_EXPIRE_HOURS", 24)
PAYMENTS_HTTP_TIMEOUT = env_float("PAYMENTS_HTTP_TIMEOUT", 15.0)
LIGDICASH_BASE_URL = env_str("LIGDICASH_BASE_URL", "https://app.ligdicash.com")
LIGDICASH_API_KEY = env_str("LIGDICASH_API_KEY", "")
LIGDICASH_API_TOKEN = env_str("LIGDICASH_API_TOKEN", "")
CINETPAY_BASE_URL = env_str("CINETPAY_BASE_URL", "https://api-checkout.cinetpay.com")
CINETPAY_API_KEY = env_str("CINETPAY_API_KEY", "")
CINETPAY_SITE_ID = env_str("CINETPAY_SITE_ID", "")
CINETPAY_SECRET_KEY = env_str("CINETPAY_SECRET_KEY", "")
