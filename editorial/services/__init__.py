"""Writes of the editorial app that carry a business rule, one module per area
(`intake`: the requests sent from the public form)."""
