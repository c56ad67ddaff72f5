"""Analytics over the store: dyad timelines, the escalation index and its jumps, top actors
and quotes by speaker. The escalation index is defined in `escalation.py`."""

from .escalation import escalation, fill_days, score_days
from .timeline import daily_rows, dyad_timeline, top_actors, top_quotes

__all__ = ["daily_rows", "dyad_timeline", "escalation", "fill_days", "score_days", "top_actors", "top_quotes"]
