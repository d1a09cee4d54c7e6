"""Rasa input channels that only take messages from a signed-in user (a verified chat token).

They are Rasa classes (``rasa.core.channels``), named in ``credentials.yml``; the rules they
apply (tokens, limits, what to say on failure) live in ``assistant.channels.guard``.
"""
