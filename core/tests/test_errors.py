"""One domain error and one way to show it on a form."""

from __future__ import annotations

from django import forms

from core.errors import DomainError, add_domain_errors


class TitleForm(forms.Form):
    title = forms.CharField(required=False)
    bands = forms.CharField(required=False)


def _form() -> TitleForm:
    form = TitleForm(data={"title": "x"})
    assert form.is_valid()
    return form


def test_messages_list_the_general_message_first_without_repeats():
    error = DomainError("Refusé.", {"title": ["Trop long.", "Refusé."], "bands": ["Vide."]})
    assert error.messages == ["Refusé.", "Trop long.", "Vide."]
    assert str(error) == "Refusé."


def test_field_errors_go_beside_their_field_and_dotted_keys_to_their_first_part():
    form = _form()
    add_domain_errors(form, DomainError("Refusé.", {"title": ["Trop long."], "bands.0": ["Vide."]}))
    assert form.errors["title"] == ["Trop long."]
    assert form.errors["bands"] == ["Vide."]
    assert "__all__" not in form.errors  # the general message only when nothing else was shown


def test_unknown_fields_and_the_general_message_go_on_top_once():
    form = _form()
    add_domain_errors(form, DomainError("Refusé.", {"nowhere": ["Ailleurs.", "Ailleurs."]}))
    assert form.errors["__all__"] == ["Ailleurs."]

    form = _form()
    add_domain_errors(form, DomainError("Refusé."))
    assert form.errors["__all__"] == ["Refusé."]


def test_summary_always_shows_the_general_message_once():
    form = _form()
    error = DomainError("Refusé.", {"title": ["Trop long."], "other": ["Refusé."]})
    add_domain_errors(form, error, summary=True)
    assert form.errors["title"] == ["Trop long."]
    assert form.errors["__all__"] == ["Refusé."]


def test_app_errors_are_domain_errors():
    from accounts.exceptions import AccountError
    from broadcasting.exceptions import BroadcastError
    from campaigns.exceptions import CampaignError
    from editorial.exceptions import EditorialError

    for cls in (AccountError, BroadcastError, CampaignError, EditorialError):
        error = cls("Non.", {"field": ["Faux."]})
        assert isinstance(error, DomainError)
        assert error.field_errors == {"field": ["Faux."]}
