"""Dialogue helpers that need no Rasa: choosing variations, reading the conversation so far."""
