"""The "Rédaction" menu of the Wagtail admin (editorial managers and
administrators only), split by area: `inbox` (the desk's home), `requests`
(the listing of the coverage requests and a request's desk page), `triage`
(review, accept, refuse, ask for details), `missions` (the mission's time and
vehicle, its crew, the mission sheet), `delivery` (delivered content, covered,
closed), `planning`, `crew` and `vehicles`. Each module holds its viewset and
its action views; `common` holds the bases of the pages about one request,
`policies` who may open them and the viewsets' bases, `forms` their forms. The
menu is registered by `editorial.wagtail_hooks` with one `ViewSetGroup`.

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it imports nothing and registers nothing."""
