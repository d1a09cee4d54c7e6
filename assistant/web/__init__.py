"""The officer's side panel: a FastAPI app (pages and JSON API) over the ``assistant`` package."""
