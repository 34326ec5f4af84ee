"""The staff's side of the conversations in the Wagtail admin ("Messages" menu)."""
