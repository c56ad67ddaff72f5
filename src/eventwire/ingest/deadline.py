"""A total time limit for one fetch, enforced at the socket.

Why: httpx's timeouts bound each read, not a request. A server that drips one byte a
second never lets a read time out, so a 3-second limit held `ingest` (and `watch`, with
the store's write lock) for as long as the server liked. Here every connect, read and write
of the fetch's connection waits at most the time left before the fetch's deadline, and once
it has passed the next one fails at once with a timeout; the status line and headers are
bounded as well as the body.

`DeadlineTransport` is httpx's own HTTP transport whose connections go through
`DeadlineBackend`; the fetcher sets `deadline.at` (a `time.monotonic()` value) before a
fetch and clears it after.
"""

from __future__ import annotations

import threading
import time

import httpcore
import httpx


class Deadline(threading.local):
    """When the current fetch of this thread must be over (None: no limit)."""

    at: float | None = None

    def left(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The time the next socket operation may take: its own timeout, at most the time
        left; `error` when nothing is left."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the total time limit of the request is over")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline):
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        stream = self._stream.start_tls(
            ssl_context, server_hostname, self._deadline.left(timeout, httpcore.ConnectTimeout)
        )
        return DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's socket backend with every operation bounded by the deadline."""

    def __init__(self, deadline: Deadline):
        self._backend, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        timeout = self._deadline.left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return DeadlineStream(stream, self._deadline)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        timeout = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(
            self._backend.connect_unix_socket(path, timeout, socket_options), self._deadline
        )

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's HTTP transport, its connections bounded by `deadline`."""

    def __init__(self, deadline: Deadline, **kwargs):
        super().__init__(**kwargs)
        # httpx has no parameter for the network backend; its pool keeps it here (httpcore
        # 1.x). tests/ingest/test_web.py checks against a dripping server that it applies.
        self._pool._network_backend = DeadlineBackend(deadline)
