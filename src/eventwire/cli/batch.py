"""The `batch` command: code JSON Lines or Parquet into Parquet, locally or on Ray."""

from __future__ import annotations


def register(sub, settings) -> None:
    """Add this module's subcommands to the `eventwire` parser."""
