"""The enterprise register: 统一社会信用代码, the register record, its reader, duplicates, pools.

Pure Python (no Django). Modules are named after what they hold:

- ``uscc``: the 统一社会信用代码 of GB 32100-2015 and the 组织机构代码 of GB 11714 inside it;
- ``record``: one enterprise of the register (规上 status by year as recorded, flags, history);
- ``columns`` / ``read``: the register file's columns (Chinese and English headers) and its reader;
- ``duplicates``: the same code twice, the same name twice in one county;
- ``disagreements``: where the register and the microdata disagree;
- ``pools``: the 梯度培育 pools' rules (YAML) and the screening that proposes entries, moves and exits.

docs/enterprises.md describes the file format, the rules and the pages.
"""
