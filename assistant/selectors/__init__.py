"""Reads of the assistant shared by the admin and the pages."""
