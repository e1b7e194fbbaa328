"""Investment projects (招商引资): the record, its stages, the counting rules and the totals.

- ``record``: a project, its stage (洽谈 → 签约 → 开工 → 投产) with dates, amounts, funds by period;
- ``counting``: the rules (YAML, ``counting.yaml``) that decide what a project adds to the counts and
  amounts, each decision explained; totals per scope and period; projects stuck at a stage.

docs/enterprises.md ("Projects") describes the fields and rules.
"""
