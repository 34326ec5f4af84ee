"""Settings of the editorial desk: crew missions and the SMS gateway."""

from .env import env_int, env_str

# Minutes kept free before and after an event for the crew's journey.
EDITORIAL_TRAVEL_MINUTES = env_int("EDITORIAL_TRAVEL_MINUTES", 60)
# Life of the link a crew member confirms a mission with (hours).
EDITORIAL_CONFIRM_MAX_AGE_HOURS = env_int("EDITORIAL_CONFIRM_MAX_AGE_HOURS", 72)
# An unconfirmed mission is reminded once, this many hours after the crew was notified.
EDITORIAL_REMINDER_HOURS = env_int("EDITORIAL_REMINDER_HOURS", 12)
# SMS gateway: "console" (logged, for development), "http" (SMS_HTTP_URL) or the
# dotted path of a gateway class (editorial/sms.py).
SMS_BACKEND = env_str("SMS_BACKEND", "console")
SMS_HTTP_URL = env_str("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env_str("SMS_HTTP_TOKEN")
SMS_SENDER = env_str("SMS_SENDER", "BF1")
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 10)
SMS_MAX_ATTEMPTS = env_int("SMS_MAX_ATTEMPTS", 4)
