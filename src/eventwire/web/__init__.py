"""The REST API (FastAPI) and the dashboard's web server. `create_app` builds the app."""

from .app import create_app

__all__ = ["create_app"]
