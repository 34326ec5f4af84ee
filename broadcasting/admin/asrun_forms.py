"""Forms of the as-run import screens: the upload (the file checked before
anything is stored: a refused file leaves no trace), a discrepancy's reason, and
an as-run source with its CSV column mapping."""

from __future__ import annotations

import codecs
import re
import zoneinfo

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..asrun.readers import read_asrun, read_asrun_file
from ..asrun.readers.etere import ROOTS as ETERE_ROOTS
from ..asrun.readers.parsing import MAX_FPS
from ..asrun.readers.xml_stream import stream
from ..asrun.rows import AsRunFileError
from ..asrun.services.run import csv_mapping_of, zone_of
from ..models import AsRunFormat, AsRunSource
from .forms import REASON_MAX

# Files up to this size are read whole before they are stored (every refusal
# shown on the form); larger ones only by their start (format, entities), the
# rest reported by the import job.
FULL_CHECK_BYTES = 2 * 1000 * 1000
HEAD_BYTES = 64 * 1024


class _RootKnown(Exception):
    """The XML's root is an as-run's: the check of its start stops there."""


class _UnknownRoot(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_xml_head(head: bytes) -> None:
    """The start of a large XML file: its root must be BXF's or Etere's, and no
    DTD nor entity may come before it; the rest is the import job's."""

    def choose(root: str, attrs):
        if root == "BxfMessage" or root.lower() in ETERE_ROOTS:
            raise _RootKnown
        raise _UnknownRoot(
            gettext(
                "Unrecognised as-run file format: an XML file whose root is “%(root)s” "
                "(BXF or Etere expected)."
            )
            % {"root": root}
        )

    try:
        stream(head, choose)
    except _RootKnown:
        return
    except _UnknownRoot as error:
        raise AsRunFileError(error.message) from None
    except AsRunFileError:
        if _DTD.search(head):
            raise
        # Otherwise a start cut anywhere: the job reads the whole file.


def _expected_format(found: str, source: AsRunSource | None) -> None:
    expected = source.format if source is not None else AsRunFormat.AUTO
    if expected != AsRunFormat.AUTO and found != expected:
        raise AsRunFileError(
            gettext(
                "This file is in the %(found)s format, but the source “%(source)s” sends "
                "%(expected)s."
            )
            % {
                "found": AsRunFormat(found).label,
                "source": source.name,
                "expected": AsRunFormat(expected).label,
            }
        )


def check_file(file, *, filename: str, source: AsRunSource | None) -> None:
    """Raise AsRunFileError (its French message) when `file` would be refused:
    read whole up to FULL_CHECK_BYTES, by its start beyond. Leaves the file at
    its start."""
    mapping, zone = csv_mapping_of(source), zone_of(source)
    size = getattr(file, "size", None)
    try:
        file.seek(0)
        if isinstance(size, int) and size <= FULL_CHECK_BYTES:
            result = read_asrun_file(file, filename=filename, mapping=mapping, zone=zone)
            _expected_format(result.format, source)
            return
        head = file.read(HEAD_BYTES)
        if not head.strip():
            raise AsRunFileError(gettext("The as-run file is empty."))
        if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
            _check_xml_head(head)
            return
        cut = head.rfind(b"\n")
        result = read_asrun(
            head[: cut + 1] if cut > 0 else head, filename=filename, mapping=mapping, zone=zone
        )
        _expected_format(result.format, source)
    finally:
        file.seek(0)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("As-run file"),
        help_text=_("BXF or Etere XML, PlayBox AirBox log, or CSV (with its source's mapping)."),
        error_messages={"required": _("Choose the as-run file to import.")},
    )
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=AsRunSource.objects.none(),
        required=False,
        help_text=_("Needed for a CSV whose columns are not named as usual."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = AsRunSource.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not self.errors:
            try:
                check_file(upload, filename=upload.name, source=cleaned.get("source"))
            except AsRunFileError as error:
                self.add_error("file", error.message)
        return cleaned


class DiscrepancyReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why did it not air?"),
        max_length=REASON_MAX,
        error_messages={"required": _("Give the reason.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


MAPPING_FIELDS = ("date", "time", "duration", "code", "title")


class AsRunSourceForm(WagtailAdminModelForm):
    """A source; its CSV columns (a header's name or a number from 1), saved in
    `csv_mapping`."""

    date = forms.CharField(label=_("Date column"), max_length=80, required=False)
    time = forms.CharField(label=_("Time column"), max_length=80, required=False)
    duration = forms.CharField(label=_("Duration column"), max_length=80, required=False)
    code = forms.CharField(label=_("House code column"), max_length=80, required=False)
    title = forms.CharField(label=_("Title column"), max_length=80, required=False)
    date_format = forms.CharField(
        label=_("Date format"),
        max_length=40,
        required=False,
        help_text=format_lazy(
            _("In Python's notation, e.g. {example}; empty: detected."), example="%d/%m/%Y"
        ),
    )
    fps = forms.FloatField(label=_("Frames per second"), min_value=1, max_value=MAX_FPS, initial=25)
    separator = forms.ChoiceField(
        label=_("Separator"),
        required=False,
        choices=[("", _("detect")), (";", ";"), (",", ","), ("\t", _("tab")), ("|", "|")],
    )
    encoding = forms.CharField(
        label=_("Encoding"), max_length=40, required=False, help_text=_("Empty: detected.")
    )

    class Meta:
        model = AsRunSource
        fields = ["name", "format", "time_zone", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mapping = dict(self.instance.csv_mapping or {}) if self.instance else {}
        for name in (*MAPPING_FIELDS, "date_format", "separator", "encoding"):
            if mapping.get(name) not in (None, ""):
                self.initial.setdefault(name, str(mapping[name]))
        if mapping.get("fps"):
            self.initial.setdefault("fps", mapping["fps"])
        self.fields["time_zone"].help_text = _("E.g. Africa/Ouagadougou; empty: the station's.")

    def clean_time_zone(self):
        value = (self.cleaned_data.get("time_zone") or "").strip()
        if value:
            try:
                zoneinfo.ZoneInfo(value)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise forms.ValidationError(_("Unknown time zone.")) from None
        return value

    def clean_encoding(self):
        value = (self.cleaned_data.get("encoding") or "").strip()
        if value:
            try:
                codecs.lookup(value)
            except LookupError:
                raise forms.ValidationError(_("Unknown encoding.")) from None
        return value

    def clean_date_format(self):
        value = (self.cleaned_data.get("date_format") or "").strip()
        if value and "%" not in value:
            raise forms.ValidationError(
                gettext("A date format uses {codes}…").format(codes="%d, %m, %Y")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        columns = {name: (cleaned.get(name) or "").strip() for name in MAPPING_FIELDS}
        if any(columns.values()) and not (columns["date"] and columns["time"]):
            self.add_error(None, _("A CSV mapping needs at least its date and time columns."))
        for name, value in columns.items():
            if value.isdigit() and int(value) < 1:
                self.add_error(name, _("Columns are numbered from 1."))
        return cleaned

    def save(self, commit=True):
        cleaned = self.cleaned_data
        mapping = {}
        for name in MAPPING_FIELDS:
            value = (cleaned.get(name) or "").strip()
            if value:
                mapping[name] = int(value) if value.isdigit() else value
        if mapping:
            for name in ("date_format", "separator", "encoding"):
                if cleaned.get(name):
                    mapping[name] = cleaned[name]
            mapping["fps"] = cleaned.get("fps") or 25
        self.instance.csv_mapping = mapping
        return super().save(commit=commit)
