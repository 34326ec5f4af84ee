"""The advertiser's pages: dashboard and list, booking wizard, campaign detail, spot
upload (upload.py, routed by campaigns.urls.upload)."""

from .dashboard import dashboard
from .detail import cancel, detail, duplicate, quote_pdf
from .spot_review import approve_spot, request_spot_changes
from .wizard import create, edit

__all__ = [
    "approve_spot",
    "cancel",
    "create",
    "dashboard",
    "detail",
    "duplicate",
    "edit",
    "quote_pdf",
    "request_spot_changes",
]
