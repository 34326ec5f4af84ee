"""Invoices from aired airings, credit notes, FEC certification, payments, balances."""
