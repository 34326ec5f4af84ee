"""Every write of payments goes through these services."""
