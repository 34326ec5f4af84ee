"""Every billing write goes through these services (keyword-only, atomic)."""
