"""Registers the journal export in the Wagtail admin (imported by BillingConfig.ready,
so that it stays apart from billing/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from .views import journal_export


@hooks.register("register_admin_urls")
def register_journal_export_url():
    return [path("billing/journal/", journal_export, name="billing_journal_export")]
