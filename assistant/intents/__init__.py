"""Questions answered by code rather than by passages: a price (priced by the
simulator's engine), the asker's campaigns, and the client area's own pages
(broadcasts, certificates, invoices)."""
