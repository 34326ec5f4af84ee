"""Settings of the conversations between advertisers and the station
(conversations/), read from the environment; imported by base.py."""

from .env import env_int, env_list, env_str

# Abuse limits of an advertiser (0: no limit): new threads per hour, messages per minute.
CONVERSATION_MAX_NEW_THREADS_PER_HOUR = env_int("CONVERSATION_MAX_NEW_THREADS_PER_HOUR", 5)
CONVERSATION_MAX_MESSAGES_PER_MINUTE = env_int("CONVERSATION_MAX_MESSAGES_PER_MINUTE", 10)
# An advertiser's message waiting longer than this (working hours) reminds the staff.
CONVERSATION_REMINDER_HOURS = env_int("CONVERSATION_REMINDER_HOURS", 4)

# The station's business hours (Africa/Ouagadougou), used to count the working hours
# a message waits, when the site settings (home ContactSettings, "Business hours") give none.
# Days: 0 = Monday … 6 = Sunday; hours as HH:MM.
CONVERSATION_BUSINESS_DAYS = [
    int(day) for day in env_list("CONVERSATION_BUSINESS_DAYS", ["0", "1", "2", "3", "4"])
]
CONVERSATION_BUSINESS_OPENS = env_str("CONVERSATION_BUSINESS_OPENS", "08:00")
CONVERSATION_BUSINESS_CLOSES = env_str("CONVERSATION_BUSINESS_CLOSES", "17:00")

# The messages reaching a person within this many minutes make one e-mail (a digest).
CONVERSATION_DIGEST_MINUTES = env_int("CONVERSATION_DIGEST_MINUTES", 10)
