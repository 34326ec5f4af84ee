from unittest import mock

import pytest
from django import forms

from core import queue
from core.forms import SingleLineFieldsMixin, one_line


class Sample(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)


@pytest.mark.parametrize("bad", ["a\r\nb", "a\nb", "a\rb", "a\u2028b", "a\x0bb", "a\x85b"])
def test_single_line_fields_refuse_line_breaks(bad):
    form = Sample(data={"title": bad})
    assert not form.is_valid()
    assert "une seule ligne" in form.errors["title"][0]


def test_multi_line_and_password_fields_keep_line_breaks():
    form = Sample(data={"title": "Lancement", "notes": "ligne 1\nligne 2", "password": "x"})
    assert form.is_valid(), form.errors


def test_one_line_flattens_stored_text():
    assert one_line("Soldes\r\nBcc: x@example.com") == "Soldes Bcc: x@example.com"


def test_enqueue_reports_a_broker_failure_instead_of_raising():
    with mock.patch("django_q.tasks.async_task", side_effect=ConnectionError("redis down")):
        assert queue.enqueue("notifications.tasks.deliver_email", 1) is False


def test_enqueue_hands_the_job_over():
    with mock.patch("django_q.tasks.async_task") as async_task:
        assert queue.enqueue("x.y", 3, task_name="job-3") is True
    async_task.assert_called_once_with("x.y", 3, task_name="job-3")
