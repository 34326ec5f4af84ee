"""Reads shared by the billing screens, the client area, exports and reports."""
