"""The assistant's evaluation set (questions_fr.yaml) and its scoring, shared by
the bench (bench/assistant.py) and the quality test."""
