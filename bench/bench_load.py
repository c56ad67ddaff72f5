"""Throughput of the REST API under concurrent load.

Builds a synthetic store (`eventwire.store.synthetic`, 100,000 events by default), starts
`eventwire serve` on it in its own process on 127.0.0.1, then for each endpoint group keeps
`--clients` connections busy (HTTP/1.1 keep-alive, one request at a time each, from one
asyncio loop in this process) for `--seconds`, with varied parameters, and reports requests
per second, p50/p95/max latency and errors. The server is stopped at the end, whatever
happens. Targets: >= 200 requests/s with p95 < 100 ms for events and timeline at 16 clients.

    .venv/bin/python bench/bench_load.py [--events 100000] [--clients 16] [--seconds 20] [--json]

`--repeat-share` (default 0) makes that share of requests repeat an earlier URL, as a
dashboard reloading or several people looking at the same dyad do; 0 means every URL is
drawn afresh (the cache seldom helps).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build_store, workloads

TARGET_RPS = 200.0
TARGET_P95_MS = 100.0
GROUPS = {
    "events": [
        "events (dyad, dates)",
        "events (dyad, plover, dates, bbox)",
        "events (actor, cameo_root)",
        "events (no filter, deep pages)",
    ],
    "timeline": ["timeline", "timeline (date range)"],
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ, EVENTWIRE_API_TOKEN="")
    src = Path(__file__).resolve().parents[1] / "src"
    env["PYTHONPATH"] = f"{src}{os.pathsep}{env.get('PYTHONPATH', '')}"
    cmd = [sys.executable, "-m", "eventwire.cli.main", "serve", "--store", str(store), "--port", str(port)]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited: {log.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("the server did not answer within 300 s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server and its worker processes (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


async def _client(port: int, next_url, stop_at: float, times: list, errors: list) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < stop_at:
            url = next_url()
            started = time.perf_counter()
            writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append((status, url))
    finally:
        writer.close()


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of the server and its worker processes so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[2] is the process group; [11], [12] the user and system ticks
        if int(fields[2]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def run_group(port: int, makers: list, clients: int, seconds: float, repeat: float, seed: int) -> dict:
    rng = random.Random(seed)
    seen: list[str] = []

    def next_url() -> str:
        if seen and rng.random() < repeat:
            return rng.choice(seen)
        url = rng.choice(makers)()
        seen.append(url)
        return url

    times: list[float] = []
    errors: list = []

    async def main():
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(_client(port, next_url, stop_at, times, errors) for _ in range(clients)))

    started = time.monotonic()
    asyncio.run(main())
    elapsed = time.monotonic() - started
    times.sort()
    return {
        "requests": len(times),
        "rps": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
        "errors": len(errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0, help="load time per endpoint group")
    parser.add_argument("--repeat-share", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument("--store", type=Path, help="keep the store here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "load.duckdb"
        if not path.exists():
            seconds = build_store(path, args.events)
            print(f"built {args.events:,} events in {seconds:.1f} s", file=sys.stderr)
        port = _free_port()
        started = time.monotonic()
        server = start_server(path, port, args.workers)
        start_s = time.monotonic() - started
        try:
            makers = workloads(random.Random(20250510))
            results = {}
            for seed, (group, names) in enumerate(GROUPS.items()):
                cpu = server_cpu_seconds(server.pid)
                result = run_group(
                    port, [makers[n] for n in names], args.clients, args.seconds, args.repeat_share, seed
                )
                # CPU per request hardly depends on what else runs on the machine: on N idle
                # cores the server could answer about N * 1000 / cpu_ms requests a second.
                result["server_cpu_ms"] = round(
                    1000 * (server_cpu_seconds(server.pid) - cpu) / max(1, result["requests"]), 2
                )
                results[group] = result
        finally:
            stop_server(server)
    ok = all(
        r["rps"] >= TARGET_RPS and r["p95_ms"] < TARGET_P95_MS and not r["errors"] for r in results.values()
    )
    report = {
        "events": args.events,
        "clients": args.clients,
        "seconds": args.seconds,
        "repeat_share": args.repeat_share,
        "workers": args.workers,
        "server_start_s": round(start_s, 1),
        "load_average": os.getloadavg(),
        "groups": results,
        "target": {"rps": TARGET_RPS, "p95_ms": TARGET_P95_MS},
        "ok": ok,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"{args.events:,} events, {args.clients} clients, {args.seconds:g} s per group, "
            f"{args.workers} worker(s), repeat share {args.repeat_share:g}; server up in {start_s:.1f} s; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        for group, r in results.items():
            flag = (
                "ok"
                if r["rps"] >= TARGET_RPS and r["p95_ms"] < TARGET_P95_MS and not r["errors"]
                else "BELOW"
            )
            print(
                f"  {group:9} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                f"max {r['max_ms']:7.1f} ms  {r['requests']:6} requests  {r['errors']} errors  "
                f"server CPU {r['server_cpu_ms']:5.2f} ms/request  {flag}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
