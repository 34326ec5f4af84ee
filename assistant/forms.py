"""The question form of /aide/ (also what the widget's JSON is checked with)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QUESTION_MAX_LENGTH


def too_long_message(length: int) -> str:
    return str(
        _("Your question is too long (%(count)s characters): %(limit)s characters at most.")
    ) % {"count": length, "limit": QUESTION_MAX_LENGTH}


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        strip=True,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "maxlength": QUESTION_MAX_LENGTH,
                "placeholder": _("For example: how much for 10 spots of 30 s at the 8 pm news?"),
                "class": "w-full rounded-lg border border-slate-300 px-3 py-2",
            }
        ),
        error_messages={"required": _("Write your question.")},
    )

    def clean_question(self) -> str:
        text = self.cleaned_data["question"]
        if len(text) > QUESTION_MAX_LENGTH:
            raise forms.ValidationError(too_long_message(len(text)), code="too_long")
        return text


class FeedbackForm(forms.Form):
    question_id = forms.IntegerField(min_value=1)
    helpful = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes"
    )


class HandOffForm(forms.Form):
    question_id = forms.IntegerField(min_value=1)
