"""The microdata → indicator mapping is data (the plan's ``microdata_file``, docs/microdata.md): the
bundled plan's output is the one captured before the mapping left the code, another plan's file maps
its own indicators, and a plan without a file is told so."""

from __future__ import annotations

import csv
import gzip
import io
import math
from pathlib import Path

from planwatch.ingest.microdata import aggregate_microdata, write_observations
from planwatch.plan.load import load_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "microdata"


def _rows(text: str) -> dict[tuple[str, str, str, str], tuple[float, str, str]]:
    return {(r["indicator"], r["scope"], r["period"], r["measure"]): (float(r["value"]), r["source"], r["note"])
            for r in csv.DictReader(io.StringIO(text))}


def test_bundled_plan_output_is_the_one_captured_before_the_mapping_became_data(tmp_path: Path) -> None:
    # xiangxi_expected.csv.gz was written by the code before this change (the mapping in
    # ingest/microdata/indicators.py) from make_xiangxi_fixture.py's file:
    #   planwatch aggregate --microdata xiangxi_records.csv --out expected.csv --threads 1
    # Values compare to 1e-9 relative (parallel float sums differ in the 12th digit); keys, notes and
    # sources exactly; the same 35,985 observations, none more, none fewer.
    result = aggregate_microdata([FIXTURES / "xiangxi_records.csv"], load_plan(), threads=1)
    out = tmp_path / "obs.csv"
    write_observations(result.observations, out)
    ours = _rows(out.read_text(encoding="utf-8"))
    expected = _rows(gzip.decompress((FIXTURES / "xiangxi_expected.csv.gz").read_bytes()).decode("utf-8"))
    assert len(expected) == 35985
    assert set(ours) == set(expected)
    for key, (value, source, note) in expected.items():
        mine = ours[key]
        assert (mine[1], mine[2]) == (source, note), key
        assert math.isclose(mine[0], value, rel_tol=1e-9, abs_tol=1e-12), (key, mine[0], value)
