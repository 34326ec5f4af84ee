"""The advertiser's forms: a new conversation, a reply, the correction of a
message, the list's filters. The rules (length, files by content, limits) are the
services'; a refusal is shown beside its field and the text typed is kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import SingleLineFieldsMixin

from .attachment_checks import MAX_ATTACHMENTS, MAX_FILE_BYTES
from .models import ThreadKind, ThreadStatus
from .services.rules import MAX_BODY_CHARS
from .subjects import subject_kinds

ACCEPTED = ".pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
ACCEPTED_WITH_VIDEO = ACCEPTED + ",.mp4,.mov"
# The kinds an advertiser chooses from (problem reports come from the broadcasters).
CLIENT_KINDS = [choice for choice in ThreadKind.choices if choice[0] != ThreadKind.PROBLEM]
INPUT = "w-full rounded-lg border border-slate-300 px-3 py-2"


def _style(form: forms.Form) -> None:
    """The site's look for the text fields and lists (the file input has its own)."""
    for field in form.fields.values():
        if not isinstance(field.widget, forms.FileInput):
            field.widget.attrs.setdefault("class", INPUT)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service, by its content."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [item for item in data if item]
        return [data] if data else []


def _files_field(video: bool = False) -> MultipleFileField:
    field = MultipleFileField(label=_("Attachments"), required=False)
    field.help_text = gettext(
        "PDF, JPEG, PNG or WebP pictures, Office documents; %(size)s MB each, "
        "%(count)s files at most."
    ) % {"size": MAX_FILE_BYTES // (1024 * 1024), "count": MAX_ATTACHMENTS}
    field.widget.attrs.update(
        {"accept": ACCEPTED_WITH_VIDEO if video else ACCEPTED, "multiple": True}
    )
    return field


def _body_field(label=None) -> forms.CharField:
    # No max_length here: the service refuses a long message with its own words,
    # and the text typed is kept.
    return forms.CharField(
        label=label or _("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-max-chars": MAX_BODY_CHARS}),
        help_text=_("Paragraphs, lists (- item), **bold**, *italic* and links are allowed."),
    )


class NewThreadForm(SingleLineFieldsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Subject of your request"), choices=CLIENT_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = _body_field()
    files = MultipleFileField(required=False)

    def __init__(self, *args, video: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"] = _files_field(video)
        _style(self)


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))
    files = MultipleFileField(required=False)

    def __init__(self, *args, video: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"] = _files_field(video)
        _style(self)


class EditForm(forms.Form):
    body = _body_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class ThreadFilterForm(SingleLineFieldsMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ThreadStatus.choices],
    )
    subject = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *ThreadKind.choices]
        self.fields["subject"].choices = [
            ("", _("All subjects")),
            ("general", _("General request")),
            *[(item.key, item.label) for item in subject_kinds()],
        ]
