"""The one way the store opens a transaction: `with transaction(con): ...`.

Every multi-statement write (and the API's paired reads) runs inside it, so readers never
see half of a change and a failure leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

import duckdb


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Commit what the block did, or roll it back if the block (or the commit) fails."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        # After a failed COMMIT DuckDB has already ended the transaction; the error that
        # matters is the one being raised, not "no transaction is active".
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
