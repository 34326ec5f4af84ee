"""The company's statement as a PDF: /billing/statement/pdf/?start=…&end=…
(ISO dates; from 1 January of this year to today when absent). A bad date
sends the advertiser back to /billing/ with a French message."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.permissions import role_required
from accounts.roles import Role

from .access import company_of

INPUT = "w-full rounded-lg border border-slate-300 px-3 py-2"
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter a date as YYYY-MM-DD.")},
    )


class StatementForm(forms.Form):
    start = _date_field(gettext_lazy("From"))
    end = _date_field(gettext_lazy("To"))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start = data.get("start") or dt.date(today.year, 1, 1)
        end = data.get("end") or today
        for name, value in (("start", start), ("end", end)):
            if not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Choose a date between 2000 and 2100."))
        if start > end:
            self.add_error("end", _("The end of the period comes before its start."))
        data["start"], data["end"] = start, end
        return data

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return _("These dates are not valid.")


@require_GET
@role_required(Role.ADVERTISER)
def statement_pdf(request):
    from ..pdf.statement import filename, render_statement
    from ..selectors.statement import statement

    company = company_of(request.user)
    form = StatementForm(request.GET)
    if not form.is_valid():
        messages.error(
            request,
            _("The statement could not be made: %(error)s") % {"error": form.first_error()},
        )
        return redirect("billing:overview")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    pdf = render_statement(statement(company, start, end))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename(company, start, end)}"'
    response["Cache-Control"] = "private, no-store"
    return response
