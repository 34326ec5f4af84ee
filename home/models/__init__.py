from .pages import ContactFormField, ContactPage, GuideIndexPage, GuidePage, HomePage, StandardPage
from .settings import ContactSettings

__all__ = [
    "ContactFormField",
    "ContactPage",
    "ContactSettings",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "StandardPage",
]
