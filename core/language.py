"""The visitor's language, French first: the language cookie (set by the footer's
language links) when it names a supported language, else LANGUAGE_CODE. The
browser's Accept-Language is never used (many phones in Burkina Faso are set to
English while their owners read the station's French). Shared by the locale
middleware and the page cache's key (core/page_cache.py)."""

from django.conf import settings


def visitor_language(request) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
