"""Run every benchmark (what `make bench` does) with a modest size; larger sizes by flag.

    .venv/bin/python bench/run_all.py                  # microdata: 1,000,000 enterprise-month rows; import: 200,000 rows
    .venv/bin/python bench/run_all.py --n 10000000     # and 10M, 30M … the same way
    .venv/bin/python bench/run_all.py --skip-pandas    # leave out the (slow) pandas comparison
    .venv/bin/python bench/run_all.py --only "web platform under load"   # needs PostgreSQL on 127.0.0.1:5432

Each benchmark is a script in bench/ that prints its own figures and exits non-zero when its result
is wrong; this runs them one after another and fails if any fails. Figures go to docs/performance.md
by hand, with the command that produced them. Benchmarks are never timed unit tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name → script; the microdata benchmark takes the common --n and --skip-pandas, the others their defaults
BENCHMARKS: dict[str, str] = {
    "microdata aggregation": "microdata_bench.py",
    "statistics import": "ingest_bench.py",
    "web platform under load": "web_load.py",
}

# modest sizes for `make bench` (the figures in docs/performance.md use the scripts' defaults)
EXTRA_ARGS: dict[str, list[str]] = {
    "web_load.py": ["--requests", "10", "--saves", "3"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows for the microdata benchmark (default 1M)")
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the pandas comparison")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    args = parser.parse_args()
    failed = []
    for name, script in BENCHMARKS.items():
        if args.only and name != args.only:
            continue
        cmd = [sys.executable, str(HERE / script), *EXTRA_ARGS.get(script, [])]
        if script == "microdata_bench.py":
            cmd += ["--n", str(args.n)]
            if args.skip_pandas:
                cmd.append("--skip-pandas")
        print(f"== {name}: {' '.join(cmd[1:])}", flush=True)
        started = time.perf_counter()
        code = subprocess.call(cmd)
        print(f"== {name}: {'ok' if code == 0 else 'FAILED'} in {time.perf_counter() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
