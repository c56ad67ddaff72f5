"""The event store (DuckDB). All SQL lives in this package."""

from .database import open_store, write_records
from .queries import dyad_days, store_counts, top_actors, top_quotes

__all__ = ["dyad_days", "open_store", "store_counts", "top_actors", "top_quotes", "write_records"]
