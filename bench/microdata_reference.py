"""A straightforward pandas implementation of the microdata aggregation, to check planwatch's against.

It follows docs/microdata.md step by step, one enterprise-month row at a time in pandas terms (merges
for "present a year earlier", a row per record and scope), with none of planwatch's shortcuts (no
month bit masks, no cell sums, no packed keys). It covers the flows, their 当月/累计 levels and
same-scope growth, the monthly count of scale enterprises and 新增入规; ratios are divisions of these
flows and are left out. Used by bench/microdata_bench.py on a sample: the numbers must agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planwatch.domain.enums import Measure, ScopeKind
from planwatch.plan.load import Plan

THRESHOLD = 2000.0  # 万元

# indicator → (column, comparable column or None, scale only, park only)
FLOWS: dict[str, tuple[str, str | None, bool, bool]] = {
    "industrial_output": ("output", "output_c", False, False),
    "industrial_va": ("va", "va_c", False, False),
    "scale_industrial_va": ("va", "va_c", True, False),
    "park_scale_va": ("va", "va_c", True, True),
    "manufacturing_va": ("va_mfg", "va_mfg_c", False, False),
    "scale_manufacturing_va": ("va_mfg", "va_mfg_c", True, False),
    "sei_output": ("output_sei", "output_sei_c", False, False),
    "hitech_output": ("output_hitech", "output_hitech_c", False, False),
    "hitech_va": ("va_hitech", "va_hitech_c", False, False),
    "scale_revenue": ("revenue", None, True, False),
    "rd_spend": ("rd", None, True, False),
    "industrial_tax": ("tax", None, False, False),
    "energy_use_scale": ("energy", None, True, False),
}
FACTOR = 1e-4  # 万元 → 亿元, 吨 → 万吨

HEADERS = {"统一社会信用代码": "eid", "县市区": "county", "园区": "park", "产业链": "chain", "月份": "month_text",
           "工业总产值": "output", "工业增加值": "va", "营业收入": "revenue", "税收": "tax", "研发费用": "rd",
           "综合能源消费量": "energy", "可比价缩减指数": "deflator", "高新技术": "hitech", "战略性新兴": "sei",
           "制造业": "mfg"}


def scopes_of(plan: Plan, county: str, park: str | None, chain: str | None, named: set[str]) -> list[str]:
    """The scopes one record counts towards (written out again, independently of planwatch's)."""
    park = park if isinstance(park, str) else None  # pandas hands over NaN for a missing value
    chain = chain if isinstance(chain, str) else None
    out = [plan.meta.region, county]
    if park:
        out.append(park)
    if chain:
        out.append(chain)
        if plan.scopes[chain].kind is ScopeKind.SUBINDUSTRY and plan.scopes[chain].parent:
            out.append(plan.scopes[chain].parent)  # type: ignore[arg-type]
    for s in plan.scopes.values():
        if s.kind is ScopeKind.GROUP and set(s.members) <= named and set(s.members) & set(out):
            out.append(s.id)
    return list(dict.fromkeys(out))


def aggregate(path: str, plan: Plan) -> dict[tuple[str, str, str, str], float]:
    """(indicator, scope, period, measure) → value, like planwatch aggregate's observations."""
    df = pd.read_parquet(path, columns=list(HEADERS)).rename(columns=HEADERS)
    ids = {name: plan.find_scope(name).id for name in pd.unique(df[["county", "park", "chain"]].values.ravel())  # type: ignore[union-attr]
           if isinstance(name, str) and name}
    for col in ("county", "park", "chain"):
        df[col] = df[col].map(lambda x: ids.get(x) if isinstance(x, str) and x else None)
    zones = {s.id for s in plan.scopes.values() if s.kind is ScopeKind.ZONE}  # 湘西高新区 is itself a park
    df["park"] = df["park"].where(df["park"].notna() | ~df["county"].isin(zones), df["county"])
    df["year"] = df["month_text"].str[:4].astype(int)
    df["month"] = df["month_text"].str[5:7].astype(int)
    df["ym"] = df["year"] * 12 + df["month"] - 1
    price = df["deflator"] / 100
    df["output_c"] = df["output"] / price
    df["va_c"] = df["va"] / price
    for flag, col in (("mfg", "va"), ("sei", "output"), ("hitech", "output"), ("hitech", "va")):
        df[f"{col}_{flag}"] = df[col].where(df[flag])
        df[f"{col}_{flag}_c"] = df[f"{col}_c"].where(df[flag])

    # -- enterprise-years and the scale sets --------------------------------------------------
    first_ym = int(df["ym"].min())
    last_ym = int(df["ym"].max())
    y0, m0 = first_ym // 12, first_ym % 12 + 1
    scale_from = y0 if m0 == 1 else y0 + 1
    ey = df.groupby(["eid", "year"], as_index=False).agg(revenue=("revenue", "sum"), fm=("month", "min"))
    first_year = ey.groupby("eid")["year"].transform("min")
    started = (first_year == ey["year"]) & ~((ey["year"] == y0) & (ey["fm"] == m0))
    ey["q"] = ey["revenue"] * 12.0 / np.where(started, 13 - ey["fm"], 12) >= THRESHOLD
    prev = ey[["eid", "year", "q", "fm"]].assign(year=ey["year"] + 1).rename(columns={"q": "q_prev", "fm": "prev_fm"})
    nxt = ey[["eid", "year", "fm"]].assign(year=ey["year"] - 1).rename(columns={"fm": "next_fm"})
    ey = ey.merge(prev, on=["eid", "year"], how="left").merge(nxt, on=["eid", "year"], how="left")
    ey["sc"] = np.where(ey["year"] > scale_from, ey["q_prev"].eq(True), np.nan)
    ey["sn"] = np.where(ey["year"] >= scale_from, ey["next_fm"].notna() & ey["q"], np.nan)
    prev_sc = ey[["eid", "year", "sc"]].assign(year=ey["year"] + 1).rename(columns={"sc": "sc_prev"})
    ey = ey.merge(prev_sc, on=["eid", "year"], how="left")
    df = df.merge(ey[["eid", "year", "sc", "sn", "prev_fm", "next_fm"]], on=["eid", "year"], how="left")

    # -- present in the same month a year earlier / later --------------------------------------
    keys = df[["eid", "ym"]]
    df = df.merge(keys.assign(ym=keys["ym"] + 12, mc=True), on=["eid", "ym"], how="left")
    df = df.merge(keys.assign(ym=keys["ym"] - 12, mp=True), on=["eid", "ym"], how="left")
    df["mc"] = df["mc"].eq(True)
    df["mp"] = df["mp"].eq(True)
    df["ec"] = np.where(df["prev_fm"].notna(), np.maximum(df["month"], df["prev_fm"].fillna(0)), np.nan)
    df["ep"] = np.where(df["next_fm"].notna(), np.maximum(df["month"], df["next_fm"].fillna(0)), np.nan)

    # -- one row per record and scope --------------------------------------------------------
    named = set(df["county"].dropna()) | set(df["park"].dropna()) | set(df["chain"].dropna())
    named |= {plan.scopes[c].parent for c in set(df["chain"].dropna()) if plan.scopes[c].kind is ScopeKind.SUBINDUSTRY}  # type: ignore[misc]
    cells = df[["county", "park", "chain"]].drop_duplicates()
    pairs = [(r.county, r.park, r.chain, s) for r in cells.itertuples(index=False)
             for s in scopes_of(plan, r.county, r.park, r.chain, named)]
    cs = pd.DataFrame(pairs, columns=["county", "park", "chain", "scope"])
    x = df.merge(cs, on=["county", "park", "chain"], how="inner")
    x["in_park"] = x["park"].notna()

    out: dict[tuple[str, str, str, str], float] = {}
    chain_scopes = {s.id for s in plan.scopes.values()
                    if s.kind in (ScopeKind.INDUSTRY, ScopeKind.SUBINDUSTRY)
                    or (s.kind is ScopeKind.GROUP and s.members
                        and all(plan.scopes[m].kind in (ScopeKind.INDUSTRY, ScopeKind.SUBINDUSTRY) for m in s.members))}

    def name(ind: str, scope: str) -> str:
        return "chain_output" if ind == "industrial_output" and scope in chain_scopes else ind

    def complete(year: int) -> bool:
        return first_ym <= year * 12 and last_ym >= year * 12 + 11

    for ind, (col, comp, scale, park_only) in FLOWS.items():
        gcol = comp or col
        keep = x if not park_only else x[x["in_park"]]
        cur = keep[keep["sc"].eq(1.0)] if scale else keep
        nxt_set = keep[keep["sn"].eq(1.0)] if scale else keep
        level = cur.groupby(["scope", "year", "month"])[col].sum(min_count=1)
        cm = cur[cur["mc"]].groupby(["scope", "year", "month"])[gcol].sum(min_count=1)
        pm = nxt_set[nxt_set["mp"]].groupby(["scope", "year", "month"])[gcol].sum(min_count=1)
        pm.index = pm.index.set_levels(pm.index.levels[1] + 1, level=1)
        cy = cur[cur["ec"].notna()].groupby(["scope", "year", "ec"])[gcol].sum()
        py = nxt_set[nxt_set["ep"].notna()].groupby(["scope", "year", "ep"])[gcol].sum()
        py.index = py.index.set_levels(py.index.levels[1] + 1, level=1)
        for scope, year in sorted({(s, y) for s, y, _ in level.index}):
            last = 12 if year < last_ym // 12 else last_ym % 12 + 1
            ytd = cy_sum = py_sum = 0.0
            months_with_data = 0
            for month in range(1, last + 1):
                if year * 12 + month - 1 < first_ym:
                    continue
                lv = level.get((scope, year, month))
                if lv is not None and not pd.isna(lv):
                    months_with_data += 1
                    ytd += float(lv)
                    out[(name(ind, scope), scope, f"{year}-{month:02d}", Measure.LEVEL.value)] = float(lv) * FACTOR
                cy_sum += float(cy.get((scope, year, month), 0.0))
                py_sum += float(py.get((scope, year, month), 0.0))
                c, p = cm.get((scope, year, month)), pm.get((scope, year, month))
                if lv is not None and not pd.isna(lv) and c is not None and not pd.isna(c) and p:
                    out[(name(ind, scope), scope, f"{year}-{month:02d}", Measure.GROWTH.value)] = (c / p - 1) * 100
                if months_with_data and first_ym <= year * 12:
                    out[(name(ind, scope), scope, f"{year}-{month:02d}", Measure.YTD.value)] = ytd * FACTOR
                    if month == 12 and complete(year):
                        out[(name(ind, scope), scope, str(year), Measure.LEVEL.value)] = ytd * FACTOR
                if months_with_data and py_sum and first_ym <= (year - 1) * 12:
                    g = (cy_sum / py_sum - 1) * 100
                    out[(name(ind, scope), scope, f"{year}-{month:02d}", Measure.YTD_GROWTH.value)] = g
                    if month == 12 and complete(year) and complete(year - 1):
                        out[(name(ind, scope), scope, str(year), Measure.GROWTH.value)] = g

    # -- counts ----------------------------------------------------------------------------------
    monthly = x[x["sc"].eq(1.0)].groupby(["scope", "year", "month"]).size()
    for (scope, year, month), n in monthly.items():
        out[("scale_enterprises", scope, f"{year}-{month:02d}", Measure.LEVEL.value)] = float(n)
    last_cell = df.sort_values("ym").groupby(["eid", "year"]).tail(1)[["eid", "year", "county", "park", "chain"]]
    e = ey.merge(last_cell, on=["eid", "year"]).merge(cs, on=["county", "park", "chain"])
    for (scope, year), grp in e.groupby(["scope", "year"]):
        if not complete(int(year)) or year < scale_from + 1:
            continue
        out[("scale_enterprises", str(scope), str(year), Measure.LEVEL.value)] = float(grp["sc"].eq(1.0).sum())
        if year >= scale_from + 2:
            entered = grp["sc"].eq(1.0) & ~grp["sc_prev"].eq(1.0)
            out[("new_scale_enterprises", str(scope), str(year), Measure.LEVEL.value)] = float(entered.sum())
    return out
