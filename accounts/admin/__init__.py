"""The Wagtail admin of the accounts app: `users` (the portal's user admin, set
in `accounts.wagtail_apps`) and `clients` (the "Clients" menu: advertisers and
business sectors, registered by `accounts.wagtail_hooks` with one `ViewSetGroup`),
and `url_finders` (where the admin links an object no form edits: the viewsets of
the apps above use it).

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it imports and registers nothing."""
