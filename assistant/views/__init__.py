"""The assistant's public side: /aide/ (works without JavaScript) and the JSON
endpoints of the widget."""
