"""Progress assessment: formulas, projections, status, the engine and the county ranking."""
