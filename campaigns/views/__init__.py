"""The advertiser's pages: dashboard and list, booking wizard, campaign detail."""

from .dashboard import dashboard
from .detail import cancel, detail, duplicate, quote_pdf
from .wizard import create, edit

__all__ = ["cancel", "create", "dashboard", "detail", "duplicate", "edit", "quote_pdf"]
