"""Where the register and the microdata disagree, for a person to check (nothing is changed).

- revenue of a whole year ≥ the 规上 threshold (2000万元, NBS since 2011) but the register does not
  record the enterprise as 规上 in the *next* year, or the reverse: recorded 规上 in a year after
  a year with revenue below the threshold. (The NBS scale set of year Y is the enterprises whose
  revenue of Y−1 reached the threshold; docs/enterprises.md.) Only whole years (12 months) count.
- an enterprise in the microdata the register does not know;
- an enterprise whose county differs between the two.
"""

from __future__ import annotations

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.enterprises.microdata_years import EnterpriseYear
from planwatch.enterprises.record import Enterprise
from planwatch.plan.load import Plan

SCALE_THRESHOLD = 2000.0  # 万元 of annual 主营业务收入 (国家统计局, since 2011)


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def disagreements(register: list[Enterprise], years: dict[tuple[str, int], EnterpriseYear], plan: Plan,
                  threshold: float = SCALE_THRESHOLD) -> list[Problem]:
    by_code = {e.uscc: e for e in register}
    out: list[Problem] = []
    unknown: set[str] = set()
    county_reported: set[str] = set()
    for (code, year), ey in sorted(years.items()):
        ent = by_code.get(code)
        if ent is None:
            if code not in unknown:
                unknown.add(code)
                out.append(Problem("REG_MICRO_UNKNOWN", Severity.WARNING, Location(),
                                   {"code": code, "name": ey.name}))
            continue
        if ey.county and ey.county != ent.county and code not in county_reported:
            county_reported.add(code)
            out.append(Problem("REG_MICRO_COUNTY", Severity.WARNING, Location(), {
                "code": code, "name": ent.name, "county": plan.scopes[ent.county].name,
                "micro_county": plan.scopes[ey.county].name}))
        if ey.months < 12:
            continue
        params: dict[str, object] = {"code": code, "name": ent.name, "revenue": _fmt(ey.revenue), "threshold": _fmt(threshold)}
        params = {**params, "year": year, "next": year + 1}
        if ey.revenue >= threshold and not ent.is_scale(year + 1):
            out.append(Problem("REG_MICRO_SCALE_NOT_RECORDED", Severity.WARNING, Location(), params))
        elif ey.revenue < threshold and ent.is_scale(year + 1):
            out.append(Problem("REG_MICRO_SCALE_BELOW", Severity.WARNING, Location(), params))
    return out
