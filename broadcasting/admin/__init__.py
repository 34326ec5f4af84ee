"""The "Diffusion" menu of the Wagtail admin (commercial administrators only),
split by area: `grid` (the weekly break grid), `breaks` (dated breaks, their
cancellation, exceptional breaks), `airings`, `unplaced` (the unplaced list,
hand placement, a campaign's placement and priority), `makegoods` and
`journal`. Each module holds its viewset and its action views; `common` holds
the bases they share and `policies` who may open them. The menu is registered
by `broadcasting.wagtail_hooks` with one `ViewSetGroup`.

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it only re-exports the permission policy (used by other apps'
admin screens) and registers nothing."""

from .policies import AdministratorPolicy

__all__ = ["AdministratorPolicy"]
