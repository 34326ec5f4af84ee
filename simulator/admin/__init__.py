"""The "Tarifs" menu of the Wagtail admin, split by area: `rate_cards` (the
versioned rate cards, edited with their rows, and "duplicate for next period")
and `quote_requests` (what visitors ask from the rate page, marked handled).
Each module holds its viewset and its action views; `forms` holds the card's
forms and `common` the base of the action views. The menu is registered by
`simulator.wagtail_hooks` with one `ViewSetGroup`.

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it imports and registers nothing."""
