"""Latency of the REST API over a store of 1,000,000 synthetic events.

Builds the store with set-based DuckDB SQL (`eventwire.store.synthetic`), then times the
dyad timeline and event-filter endpoints: each request is a real HTTP request, either
in-process through FastAPI's TestClient (default) or against a uvicorn server on 127.0.0.1
(`--server`). Reports p50, p95 and max per endpoint; the target is p95 < 100 ms each.

    .venv/bin/python bench/bench_api.py [--events 1000000] [--requests 200] [--server] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_MS = 100.0


def build_store(path: Path, events: int) -> float:
    from eventwire.store import open_store
    from eventwire.store.synthetic import fill_synthetic

    started = time.perf_counter()
    con = open_store(path)
    fill_synthetic(con, events)
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - started


def _dyads() -> list[str]:
    from eventwire.store.synthetic import COUNTRIES

    codes = [c[0] for c in COUNTRIES[:8]]
    return [f"{a}-{b}" for a in codes for b in codes if a < b]


def _day(rng: random.Random) -> str:
    return f"{rng.choice([2023, 2024, 2025])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def workloads(rng: random.Random) -> dict:
    """Endpoint name -> a function giving the next URL (varied parameters, no cache hits)."""
    dyads = _dyads()
    plovers = ["ASSAULT", "ACCUSE", "CONSULT", "THREATEN", "AID"]

    def span():
        a, b = sorted([_day(rng), _day(rng)])
        return a, b

    def timeline():
        return f"/api/timeline?dyad={rng.choice(dyads)}"

    def timeline_range():
        a, b = span()
        return f"/api/timeline?dyad={rng.choice(dyads)}&start={a}&end={b}"

    def events_dyad():
        a, b = span()
        return f"/api/events?dyad={rng.choice(dyads)}&start={a}&end={b}&limit=100"

    def events_mixed():
        a, b = span()
        return (
            f"/api/events?dyad={rng.choice(dyads)}&plover={rng.choice(plovers)}&start={a}&end={b}"
            f"&bbox=60,0,100,40&limit=100&offset={rng.choice([0, 100])}"
        )

    def events_actor():
        return f"/api/events?actor={rng.choice(['PAKMIL', 'IND', 'USAMIL', 'CHN'])}&cameo_root=19&limit=100"

    def events_all():
        return f"/api/events?limit=100&offset={rng.randint(0, 5000)}"

    return {
        "timeline": timeline,
        "timeline (date range)": timeline_range,
        "events (dyad, dates)": events_dyad,
        "events (dyad, plover, dates, bbox)": events_mixed,
        "events (actor, cameo_root)": events_actor,
        "events (no filter, deep pages)": events_all,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(app):
    """A uvicorn server in a thread; returns (base_url, server)."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def measure(get, make_url, requests: int, warmup: int = 5) -> dict:
    for _ in range(warmup):
        get(make_url()).raise_for_status()
    times = []
    for _ in range(requests):
        url = make_url()
        started = time.perf_counter()
        response = get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
        "requests": requests,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--server", action="store_true", help="time a real uvicorn server on 127.0.0.1")
    parser.add_argument("--store", type=Path, help="keep the store here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import httpx

    from eventwire.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "bench.duckdb"
        if path.exists():
            load_s = 0.0
        else:
            load_s = build_store(path, args.events)
            print(f"built {args.events:,} events in {load_s:.1f} s ({path})", file=sys.stderr)
        started = time.perf_counter()
        app = create_app(path, token="")
        start_s = time.perf_counter() - started
        if args.server:
            base, server = start_server(app)
            client = httpx.Client(base_url=base, timeout=30)
        else:
            from fastapi.testclient import TestClient

            server, client = None, TestClient(app)
        rng = random.Random(20250510)
        results = {name: measure(client.get, make, args.requests) for name, make in workloads(rng).items()}
        client.close()
        if server is not None:
            server.should_exit = True
        app.state.store.close()

    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = {
        "events": args.events,
        "load_s": round(load_s, 1),
        "app_start_s": round(start_s, 1),
        "peak_rss_mb": round(peak_mb),
        "mode": "uvicorn" if args.server else "in-process",
        "target_p95_ms": TARGET_MS,
        "endpoints": results,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"{args.events:,} events, store built in {load_s:.1f} s, app started (snapshot and index) in "
            f"{start_s:.1f} s, peak memory {peak_mb:.0f} MB; {report['mode']}, {args.requests} requests per endpoint"
        )
        for name, r in results.items():
            flag = "ok" if r["p95_ms"] < TARGET_MS else "SLOW"
            print(
                f"  {name:36} p50 {r['p50_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms   max {r['max_ms']:7.1f} ms  {flag}"
            )
    return 0 if all(r["p95_ms"] < TARGET_MS for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
