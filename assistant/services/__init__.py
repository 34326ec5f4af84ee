"""Writes of the assistant: the index rebuild, the answers (with the question
recorded) and the feedback on them."""
