"""The editorial app's pages outside the Wagtail admin: `public` (the coverage
request form and the requester's space, under /coverage/) and `confirm` (the
crew's confirmation page reached by the mission sheet's signed link). The
desk's own screens live in `editorial.admin`."""
