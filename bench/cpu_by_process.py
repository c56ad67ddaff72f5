"""CPU seconds per process of a command and all its descendants, read from /proc (Linux).

py-spy sees Python stacks only; Ray's GCS server and raylet are C++ processes, and their
share of 2 cores is part of what limits scaling. This samples /proc twice a second and
keeps, per process, the last CPU time seen (a process that ends between two samples loses
at most half a second).

    .venv/bin/python bench/cpu_by_process.py -- .venv/bin/python bench/bench_batch.py \
        --child ray2 --articles 8000
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process, else None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _label(pid: int) -> str:
    """A short name: the Ray process kind, else the program and its first argument."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return "?"
    title = argv[0]
    if title.startswith("ray::"):
        return title.split(".")[0].split("(")[0]  # ray::MapWorker, ray::IDLE, ray::ReadText
    name = Path(title).name
    script = next((Path(a).name for a in argv[1:] if a.endswith(".py")), "")
    if name.startswith("python") and script:
        return f"python {script}"
    return name or "?"


def watch(argv: list[str], every: float = 0.5) -> tuple[float, dict[str, list[tuple[float, float]]]]:
    """Run argv; return its wall seconds and, per label, (CPU seconds, peak MB) of each
    process. Labels are read again at every sample: Ray names a worker once it has a job."""
    start = time.perf_counter()
    child = subprocess.Popen(argv)
    seen: dict[int, tuple[str, float, float]] = {}
    while child.poll() is None:
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (stat := _stat(int(entry))):
                parents[int(entry)] = stat
        family = {child.pid}
        grew = True
        while grew:  # descendants of the command
            grew = False
            for pid, (ppid, _cpu) in parents.items():
                if ppid in family and pid not in family:
                    family.add(pid)
                    grew = True
        for pid in family:
            if pid in parents:
                label = _label(pid)
                if label == "?" and pid in seen:
                    label = seen[pid][0]
                seen[pid] = (label, parents[pid][1], max(_peak_mb(pid), seen.get(pid, ("", 0, 0))[2]))
        time.sleep(every)
    wall = time.perf_counter() - start
    per_label: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for label, cpu, peak in seen.values():
        per_label[label].append((cpu, peak))
    return wall, per_label


def main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    wall, per_label = watch(argv)
    cores = os.cpu_count() or 1
    print(
        f"wall {wall:.1f} s; CPU seconds by process ({cores} cores give {cores * wall:.1f} s; % of that):",
        file=sys.stderr,
    )
    for label, procs in sorted(per_label.items(), key=lambda kv: -sum(c for c, _ in kv[1])):
        cpu = sum(c for c, _ in procs)
        peak = max(p for _, p in procs)
        print(
            f"  {cpu:8.1f} s  {100 * cpu / (cores * wall):5.1f}%  {label} (x{len(procs)}, "
            f"peak {peak:.0f} MB)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
