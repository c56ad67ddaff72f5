"""Commands that collect news into the store: ingest, watch, export."""

from __future__ import annotations


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
