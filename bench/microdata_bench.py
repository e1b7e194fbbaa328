"""Benchmark: enterprise microdata aggregation (planwatch aggregate) on N enterprise-month rows.

    .venv/bin/python bench/microdata_bench.py                 # N = 1,000,000
    .venv/bin/python bench/microdata_bench.py --n 10000000
    .venv/bin/python bench/microdata_bench.py --n 30000000    # ≈ 500,000 enterprises × 60 months

Steps, each timed in its own process (so peak memory is that step's alone):

1. generate N rows of synthetic records (Chinese headers, 2021-01…2025-12, 60 months per enterprise,
   one in ten enterprises opening or closing in between) as Parquet;
2. ``ours``: planwatch's DuckDB aggregation of the file into observations, written as Parquet;
3. ``bare``: a bare DuckDB scan of the same file, ``SELECT count(*), sum(…) FROM read_parquet(…)``
   over every numeric column — the floor any aggregation of the file stands on; and, for context,
   one GROUP BY enterprise × year over the file (the least work same-scope growth needs);
4. on a sample (the full file up to --sample rows, else a separate file of --sample rows):
   ``ours`` again and the pandas reference (bench/microdata_reference.py), whose numbers must equal
   planwatch's to 1e-9 (relative).

Prints pandas/ours (on the sample), ours/bare, rows per second and peak memory (ru_maxrss; and
tracemalloc's peak for pandas). Exit code 1 if the numbers disagree. Never a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
MONTHS = 60  # 2021-01 … 2025-12
FIRST_YEAR = 2021
CHUNK = 50_000  # enterprises generated and written at a time


# -- 1. synthetic records ------------------------------------------------------------------------
def generate(path: Path, n_rows: int, seed: int = 20211227) -> int:
    """About ``n_rows`` enterprise-months into ``path``; returns the number written."""
    from planwatch.plan.load import load_plan

    plan = load_plan()
    counties = plan.county_level()
    park_of = {s.parent if s.kind.value == "park" else s.id: s.name for s in plan.parks()}
    chains = [s.name for s in plan.scopes.values() if s.kind.value in ("industry", "subindustry")]
    chain_names = np.array([*chains, *[""] * 6], dtype=object)  # some enterprises in no chain
    county_names = np.array([c.name for c in counties], dtype=object)
    park_names = np.array([park_of[c.id] for c in counties], dtype=object)
    months = np.array([f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}" for m in range(MONTHS)], dtype=object)
    season = np.array([0.62, 0.55, 0.88, 0.95, 1.0, 1.08, 0.98, 1.0, 1.07, 1.02, 1.1, 1.25])
    n_ent = max(1, math.ceil(n_rows / MONTHS / 0.95))
    written = 0
    writer: pq.ParquetWriter | None = None
    for chunk, lo in enumerate(range(0, n_ent, CHUNK)):
        rng = np.random.default_rng([seed, chunk])
        k = min(CHUNK, n_ent - lo)
        county = rng.integers(0, len(counties), k)
        in_park = rng.random(k) < 0.55
        chain = rng.integers(0, len(chain_names), k)
        size = rng.lognormal(4.6, 1.3, k)  # 万元 a month; about one in seven above 2000万元 a year
        growth = rng.normal(0.06, 0.12, k)
        start = np.where(rng.random(k) < 0.07, rng.integers(1, MONTHS, k), 0)
        end = np.where(rng.random(k) < 0.04, rng.integers(0, MONTHS - 1, k), MONTHS - 1)
        end = np.maximum(end, start)
        e = np.repeat(np.arange(k), MONTHS)
        m = np.tile(np.arange(MONTHS), k)
        keep = (m >= start[e]) & (m <= end[e])
        e, m = e[keep], m[keep]
        if written + len(e) > n_rows:
            e, m = e[: n_rows - written], m[: n_rows - written]
        n = len(e)
        if n == 0:
            break
        level = size[e] * (1 + growth[e]) ** (m / 12) * season[m % 12] * rng.uniform(0.9, 1.1, n)
        deflator = 100 + 0.15 * m + rng.normal(0, 0.5, n)
        ids = np.array([f"91433100{lo + i:010d}" for i in range(k)], dtype=object)
        table = pa.table({
            "统一社会信用代码": pa.array(ids[e], pa.string()),
            "县市区": pa.array(county_names[county[e]], pa.string()).dictionary_encode(),
            "园区": pa.array(np.where(in_park[e], park_names[county[e]], ""), pa.string()).dictionary_encode(),
            "产业链": pa.array(chain_names[chain[e]], pa.string()).dictionary_encode(),
            "月份": pa.array(months[m], pa.string()).dictionary_encode(),
            "工业总产值": np.round(level, 1),
            "工业增加值": np.round(level * rng.uniform(0.2, 0.4, n), 1),
            "营业收入": np.round(level * rng.uniform(0.92, 1.06, n), 1),
            "税收": np.round(level * 0.03, 1),
            "研发费用": np.round(level * rng.uniform(0.0, 0.04, n), 2),
            "综合能源消费量": np.round(level * rng.uniform(0.1, 1.2, n), 1),
            "可比价缩减指数": np.round(deflator, 2),
            "高新技术": (lo + e) % 9 == 0,
            "战略性新兴": (lo + e) % 6 == 0,
            "制造业": (lo + e) % 10 != 0,
            "上云": m > (lo + e) % 70,
        })
        if writer is None:
            writer = pq.ParquetWriter(str(path), table.schema, compression="snappy")
        writer.write_table(table)
        written += n
        if written >= n_rows:
            break
    if writer is not None:
        writer.close()
    return written


# -- 2–4. the measured steps (each run in a child process) --------------------------------------
def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def step_ours(path: str, out: str, threads: int | None, memory_limit: str | None) -> dict[str, object]:
    from planwatch.ingest.microdata import aggregate_microdata, write_observations
    from planwatch.plan.load import load_plan

    plan = load_plan()
    t0 = time.perf_counter()
    result = aggregate_microdata([Path(path)], plan, threads=threads, memory_limit=memory_limit)
    write_observations(result.observations, Path(out))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "rows": result.rows, "enterprises": result.enterprises,
            "observations": len(result.observations), "steps": result.timings, "peak_mib": peak_mib()}


def step_bare(path: str, threads: int | None) -> dict[str, object]:
    from planwatch.ingest.microdata.db import Db, sql_string

    numeric = ["工业总产值", "工业增加值", "营业收入", "税收", "研发费用", "综合能源消费量", "可比价缩减指数"]
    sums = ", ".join(f'sum("{c}")' for c in numeric)
    with Db(threads=threads) as db:
        t0 = time.perf_counter()
        db.rows(f"SELECT count(*), {sums} FROM read_parquet({sql_string(path)})")
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mib": peak_mib()}


def step_bare_groupby(path: str, threads: int | None) -> dict[str, object]:
    """Context, not a goal: the least any same-scope growth must do — one pass grouping by enterprise-year."""
    from planwatch.ingest.microdata.db import Db, sql_string

    with Db(threads=threads) as db:
        t0 = time.perf_counter()
        db.execute(f'CREATE TEMP TABLE g AS SELECT "统一社会信用代码", "月份"[1:4] AS y, count(*) AS n, '
                   f'sum("营业收入") AS r, sum("工业总产值") AS o FROM read_parquet({sql_string(path)}) GROUP BY ALL')
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mib": peak_mib()}


def step_pandas(path: str, out: str) -> dict[str, object]:
    import tracemalloc

    sys.path.insert(0, str(HERE))
    from microdata_reference import aggregate

    from planwatch.plan.load import load_plan

    plan = load_plan()
    tracemalloc.start()
    t0 = time.perf_counter()
    values = aggregate(path, plan)
    seconds = time.perf_counter() - t0
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    Path(out).write_text(json.dumps([[*k, v] for k, v in values.items()], ensure_ascii=False), encoding="utf-8")
    return {"seconds": seconds, "values": len(values), "tracemalloc_mib": traced / 2**20, "peak_mib": peak_mib()}


def child(step: str, *args: str) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--step", step, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"step {step} failed")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare(ours_parquet: Path, pandas_json: Path) -> tuple[int, float, list[str]]:
    """(values compared, largest relative difference, first mismatches)."""
    table = pq.read_table(ours_parquet).to_pydict()
    ours = {(i, s, p, m): v for i, s, p, m, v in zip(table["indicator"], table["scope"], table["period"],
                                                      table["measure"], table["value"], strict=True)}
    theirs = json.loads(pandas_json.read_text(encoding="utf-8"))
    worst, bad = 0.0, []
    for ind, scope, period, measure, value in theirs:
        mine = ours.get((ind, scope, period, measure))
        if mine is None:
            bad.append(f"missing in planwatch: {ind} {scope} {period} {measure} = {value}")
            continue
        diff = abs(mine - value) / max(abs(value), 1e-9)
        worst = max(worst, diff)
        if diff > 1e-9:
            bad.append(f"{ind} {scope} {period} {measure}: planwatch {mine!r}, pandas {value!r}")
    return len(theirs), worst, bad[:10]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="enterprise-month rows (default 1,000,000)")
    parser.add_argument("--sample", type=int, default=1_000_000, help="rows for the pandas comparison")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    parser.add_argument("--memory-limit", default=None, help="DuckDB memory limit, e.g. 3GB")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated files in this folder")
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the pandas comparison")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.step:  # a child process: run one measured step and print its JSON
        threads = int(os.environ["BENCH_THREADS"]) if os.environ.get("BENCH_THREADS") else None
        memory = os.environ.get("BENCH_MEMORY") or None
        if a.step == "ours":
            print(json.dumps(step_ours(a.args[0], a.args[1], threads, memory)))
        elif a.step == "bare":
            print(json.dumps(step_bare(a.args[0], threads)))
        elif a.step == "bare_groupby":
            print(json.dumps(step_bare_groupby(a.args[0], threads)))
        elif a.step == "pandas":
            print(json.dumps(step_pandas(a.args[0], a.args[1])))
        return 0
    if a.threads:
        os.environ["BENCH_THREADS"] = str(a.threads)
    if a.memory_limit:
        os.environ["BENCH_MEMORY"] = a.memory_limit
    folder = a.keep or Path(tempfile.mkdtemp(prefix="planwatch-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / f"microdata_{a.n}.parquet"
    t0 = time.perf_counter()
    rows = generate(data, a.n)
    print(f"generated {rows:,} rows ({data.stat().st_size / 2**20:.0f} MiB Parquet) in {time.perf_counter() - t0:.1f} s")
    ours = child("ours", str(data), str(folder / "ours.parquet"))
    bare = child("bare", str(data))
    bare_again = child("bare", str(data))  # the first scan may pay for the page cache; keep the faster
    bare_s = min(float(bare["seconds"]), float(bare_again["seconds"]))  # type: ignore[arg-type]
    ours_s = float(ours["seconds"])  # type: ignore[arg-type]
    print(f"ours:   {ours_s:8.2f} s  {rows / ours_s:12,.0f} rows/s  peak {float(ours['peak_mib']):7.0f} MiB  "  # type: ignore[arg-type]
          f"({ours['observations']:,} observations; steps {json.dumps(ours['steps'])})")
    print(f"bare:   {bare_s:8.2f} s  {rows / bare_s:12,.0f} rows/s  → ours/bare = {ours_s / bare_s:.1f}×")
    group = child("bare_groupby", str(data))
    group_s = float(group["seconds"])  # type: ignore[arg-type]
    print(f"bare group-by enterprise × year: {group_s:.2f} s, peak {float(group['peak_mib']):.0f} MiB "  # type: ignore[arg-type]
          f"→ ours/that = {ours_s / group_s:.1f}× (context: the least work same-scope growth needs)")
    status = 0
    if not a.skip_pandas:
        if rows <= a.sample:
            sample, sample_ours = data, ours
        else:
            sample = folder / f"microdata_sample_{a.sample}.parquet"
            generate(sample, a.sample, seed=7)
            sample_ours = child("ours", str(sample), str(folder / "ours_sample.parquet"))
        ours_file = folder / ("ours.parquet" if sample == data else "ours_sample.parquet")
        pandas = child("pandas", str(sample), str(folder / "pandas.json"))
        n_cmp, worst, bad = compare(ours_file, folder / "pandas.json")
        p_s, o_s = float(pandas["seconds"]), float(sample_ours["seconds"])  # type: ignore[arg-type]
        print(f"pandas: {p_s:8.2f} s on {pq.ParquetFile(sample).metadata.num_rows:,} rows, peak "
              f"{float(pandas['peak_mib']):.0f} MiB (tracemalloc {float(pandas['tracemalloc_mib']):.0f} MiB) "  # type: ignore[arg-type]
              f"→ pandas/ours = {p_s / o_s:.1f}× (ours {o_s:.2f} s on the same rows)")
        print(f"same numbers: {n_cmp:,} values compared, largest relative difference {worst:.1e}")
        for line in bad:
            print("  MISMATCH", line)
        status = 1 if bad else 0
    if a.keep is None:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()
    return status


if __name__ == "__main__":
    sys.exit(main())
