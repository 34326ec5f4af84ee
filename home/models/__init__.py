from .case_studies import CaseStudyBand, CaseStudyIndexPage, CaseStudyPage, CaseStudyPageForm
from .pages import ContactFormField, ContactPage, GuideIndexPage, GuidePage, HomePage, StandardPage
from .settings import ContactSettings

__all__ = [
    "CaseStudyBand",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyPageForm",
    "ContactFormField",
    "ContactPage",
    "ContactSettings",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "StandardPage",
]
