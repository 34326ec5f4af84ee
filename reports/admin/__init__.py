"""The "Rapports" screens of the Wagtail admin (commercial administrators only,
the same rule as the "Campaigns" and "Diffusion" menus), split by area:

- `overview`: `/admin/reports/overview/`, the figures of the period, its
  chart, its exports;
- `listings`: `/admin/reports/airings/` and `/admin/reports/campaigns/`,
  Wagtail `ReportView` listings of the period with the same filters, each
  exportable;
- `dashboard`: the panel of this month's key figures on the admin's home page;
- `common`: who may open them, their URLs, their menu entries.

Each screen is a viewset; `reports.wagtail_hooks` registers them with one
`ViewSetGroup`, their entries joining Wagtail's own "Reports" menu.

`django.contrib.admin` is installed, so its autodiscovery imports this package
at start-up: it registers nothing."""
