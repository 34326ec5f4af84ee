"""The Wagtail admin of the accounts app: `users` (the portal's user admin, set
in `accounts.wagtail_apps`) and `clients` (the "Clients" menu: advertisers and
business sectors, registered by `accounts.wagtail_hooks` with one `ViewSetGroup`).

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it imports and registers nothing."""
