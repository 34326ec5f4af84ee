"""Wagtail admin of the public site: the BF1 colours in the admin interface; and
which served pages the whole-page cache may keep (core/page_cache.py)."""

from django.utils.html import format_html
from wagtail import hooks

from core import page_cache

# Wagtail's supported theming: its colour custom properties, set on :root.
# Primary (sidebar, headings) is BF1's deep red, secondary (buttons, links)
# the brand red with its darker shades for hover and focus.
ADMIN_THEME_CSS = """
:root, .w-theme-light, .w-theme-dark, .w-theme-system {
  --w-color-primary: #991B1B;
  --w-color-primary-200: #7F1D1D;
  --w-color-secondary: #B91C1C;
  --w-color-secondary-50: #FEF2F2;
  --w-color-secondary-75: #FCA5A5;
  --w-color-secondary-100: #DC2626;
  --w-color-secondary-400: #991B1B;
  --w-color-secondary-600: #7F1D1D;
}
.bf1-sidebar-logo { border-radius: 12px; box-shadow: 0 0 0 3px #fff; }
.bf1-login-intro { margin: 0 0 1.5rem; color: var(--w-color-text-context); }
.bf1-login-logo img { display: block; margin: 0 auto; }
"""


@hooks.register("insert_global_admin_css")
def bf1_admin_theme():
    return format_html("<style>{}</style>", ADMIN_THEME_CSS)


@hooks.register("before_serve_page")
def note_page_cacheability(page, request, serve_args, serve_kwargs):
    """Public pages are kept whole for anonymous visitors (never a private page,
    a preview or a page that opts out with `page_cache = False`)."""
    page_cache.note_wagtail_page(page, request)
