"""Benchmark: importing a large statistics file (validation and rules included) against a bare CSV read.

    .venv/bin/python bench/ingest_bench.py                 # 200,000 rows (the demo's observations.csv size)
    .venv/bin/python bench/ingest_bench.py --n 1000000

Writes a canonical observations CSV of N monthly rows over the bundled plan's indicators and scopes
(smooth synthetic series: no errors, so every row is imported), then in the same process times

  * the baseline: ``csv.reader`` over the file with ``float()`` of every value (what any import must do),
  * planwatch: ``planwatch.ingest.read_observations`` (names and periods resolved, units converted,
    every row validated, the data rules evaluated, the table built),

and prints rows/s, the ratio planwatch/baseline and the peak resident memory. Exits 1 when the
imported table is wrong (row count or a sample of values differ from what was written).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch.ingest import read_observations
from planwatch.plan.load import Plan, load_plan


def write_rows(plan: Plan, path: Path, n: int, seed: int = 7) -> dict[tuple[str, str, str], float]:
    """N level rows, months from 2015-01 on, cycling indicator × scope; returns a sample of what was written."""
    rng = random.Random(seed)
    indicators = sorted(plan.indicators.values(), key=lambda i: i.id)
    scopes = sorted(plan.scopes)
    pairs = [(i, s) for i in indicators for s in scopes]
    months = [f"{y}-{m:02d}" for y in range(2015, 2100) for m in range(1, 13)]
    per_series = -(-n // len(pairs))
    sample: dict[tuple[str, str, str], float] = {}
    written = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["indicator", "scope", "period", "measure", "value", "source", "note"])
        for ind, scope in pairs:
            percent = ind.unit.strip() == "%"
            level = rng.uniform(10, 60) if percent else rng.uniform(50, 500)
            for month in months[:per_series]:
                if written == n:
                    break
                level *= 1 + rng.uniform(-0.01, 0.015)  # smooth: no plausibility warnings drown the run
                if percent:
                    level = min(level, 95.0)
                value = round(level, 4)
                out.writerow([ind.id, scope, month, "level", value, "bench", ""])
                if written % 997 == 0:
                    sample[(ind.id, scope, month)] = value
                written += 1
    return sample


def bare_read(path: Path) -> int:
    rows = 0
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            float(row[4])
            rows += 1
    return rows


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="rows in the file (default 200,000)")
    args = parser.parse_args()
    plan = load_plan()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "observations.csv"
        sample = write_rows(plan, path, args.n)
        size_mib = path.stat().st_size / 2**20
        rss_before = peak_rss_mib()

        started = time.perf_counter()
        bare_rows = bare_read(path)
        bare_s = time.perf_counter() - started

        started = time.perf_counter()
        result = read_observations([path], plan)
        ours_s = time.perf_counter() - started
        rss_after = peak_rss_mib()

    table = result.table
    wrong = []
    if len(table) != args.n or bare_rows != args.n:
        wrong.append(f"rows: wrote {args.n}, bare read {bare_rows}, imported {len(table)}")
    for (ind, scope, month), value in sample.items():
        obs = table.get(ind, scope, Period.parse(month), Measure.LEVEL)
        if obs is None or abs(obs.value - value) > 1e-9:
            wrong.append(f"{ind} {scope} {month}: wrote {value}, imported {obs.value if obs else None}")
    print(f"rows                  {args.n:,} ({size_mib:.1f} MiB CSV)")
    print(f"baseline csv.reader   {bare_s:.2f} s  ({args.n / bare_s:,.0f} rows/s)")
    print(f"planwatch import      {ours_s:.2f} s  ({args.n / ours_s:,.0f} rows/s)")
    print(f"ratio ours/baseline   {ours_s / bare_s:.1f}×")
    print(f"problems reported     {len(result.problems)} (warnings/info; no errors)")
    print(f"peak RSS              {rss_after:.0f} MiB (before the import: {rss_before:.0f} MiB)")
    if wrong:
        print("WRONG RESULT:\n  " + "\n  ".join(wrong[:10]))
        return 1
    print(f"checked               row count and {len(sample)} sampled values equal what was written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
