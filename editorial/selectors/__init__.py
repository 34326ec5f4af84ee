"""Reads of the editorial app shared by pages, e-mails and exports, one module
per area: `requester` (what a requester sees of their own requests), `desk`
(the desk's inbox, missions, conflicts and who is free), `planning` (the
desk's calendars)."""
