"""Replay tests: recorded conversations exported as masked Rasa test stories and replayed live.

- ``export``: trackers from the SQL tracker store → test stories (Rasa's story writer), with
  ``masking`` keeping personal data out and ``case_db`` supplying the names to mask and the
  logged outcomes to filter on;
- ``corpus``: reading those files back (Rasa's story reader) with their per-turn metadata;
- ``runner``: sending the messages to the live Rasa server (``client``) and comparing each
  turn (``turns``, ``compare``); ``junit`` writes the report;
- ``commands``: ``quanzu replay export`` and ``quanzu replay run``; ``errors``: what they report.
"""
