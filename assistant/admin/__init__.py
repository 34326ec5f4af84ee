"""The assistant in the Wagtail admin ("Assistant" menu): the FAQ entries and the
synonyms (editorial managers and commercial administrators), the questions
without a useful answer (administrators)."""
