"""Demo data: the source article's cases plus synthetic alerts (no real personal data)."""
