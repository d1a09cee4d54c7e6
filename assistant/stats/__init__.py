"""The centre's figures: periods, the SQL behind the report and the dashboard, output formats, generators.

The use cases are in :mod:`assistant.services.statistics`; ``quanzu report`` and ``quanzu stats
generate`` in :mod:`assistant.stats.cli`; the panel's ``/stats`` in :mod:`assistant.web.stats_api`.
"""
