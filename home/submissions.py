"""The admin's list of a form page's submissions (Forms → a page), whose CSV and
XLSX exports go through `core.tabular`: a visitor's answer that begins like a
formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) is written as text, never run by
the spreadsheet that opens the export. Every form page of the site sets it as its
`submissions_list_view_class`."""

from __future__ import annotations

from wagtail.contrib.forms.views import SubmissionsListView

from core.tabular import SafeSpreadsheetExportMixin


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    pass
