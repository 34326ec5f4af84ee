"""Reads of the editorial app shared by pages, e-mails and exports, one module
per area (`requester`: what a requester sees of their own requests)."""
