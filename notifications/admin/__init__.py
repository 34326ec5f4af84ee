"""The Wagtail admin of the notifications app: `emails` (the outgoing e-mail
queue, read-only, in the settings menu), registered by
`notifications.wagtail_hooks`.

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it imports and registers nothing."""
