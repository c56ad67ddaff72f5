"""One exception tree. Messages name the bad value, the valid choices and the next step.

Codes (E001...) are stable so users can search for them, as spaCy's are.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class UsageError(EventwireError):
    """The command or call itself is wrong (bad option, missing file): nothing was processed."""

    code = "E001"


class InputError(EventwireError):
    """One article cannot be read or cleaned. Becomes an error record, the batch goes on."""

    code = "E002"


class ResourceError(EventwireError):
    """A data file, the language model or the gazetteer cache is missing or broken."""

    code = "E003"


class StoreError(EventwireError):
    """The event store cannot be opened or written."""

    code = "E004"
