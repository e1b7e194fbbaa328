"""Enterprise × month microdata → the plan's indicators (DuckDB). See docs/microdata.md."""

from planwatch.ingest.microdata.aggregate import (
    DEFAULT_SOURCE,
    MicrodataResult,
    aggregate_microdata,
    write_observations,
)

__all__ = ["DEFAULT_SOURCE", "MicrodataResult", "aggregate_microdata", "write_observations"]
