"""Rasa custom actions: thin adapters from the conversation to the ``assistant`` package.

``rasa run actions`` imports every module of this package, which registers the actions.
"""
