"""Use cases: what the actions, the web panel and the CLI ask the assistant to do."""
