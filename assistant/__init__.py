"""Quanzu: the anti-fraud intervention assistant's domain logic, storage, NLP and CLI.

Nothing in this package imports ``rasa_sdk``; the Rasa actions in ``actions/`` are thin
adapters over it, and the web panel and the CLI reuse it.
"""
