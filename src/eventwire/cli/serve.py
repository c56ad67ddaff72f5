"""The `serve` command: the REST API and the dashboard."""

from __future__ import annotations


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
