"""The reports outside the admin (namespace `reports`, reports/urls.py):
`overview` (the staff sent to the admin overview, an advertiser its own report)
and `exports` (the XLSX, PDF and CSV exports and the pages of long export jobs)."""
