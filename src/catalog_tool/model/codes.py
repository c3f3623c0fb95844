"""The shapes of codes, as plain constants: importable without loading the item model.

:mod:`catalog_tool.model.item` builds its pydantic fields from these; the catalog layout,
positions and git helpers need only the patterns, and a warm ``validate`` answered from
the cache should not pay for pydantic.
"""

from __future__ import annotations

CODE_PATTERN = r"^\d{12}$"
"""基本编码: 12 digits."""
REGION_PATTERN = r"^\d{6}(\d{3}(\d{3})?)?$"
"""Region code: 6 (province to county), 9 (township) or 12 (village) digits."""
USCC_PATTERN = r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$"
"""统一社会信用代码 (GB 32100): 18 characters without I, O, S, V, Z."""
NATIONAL_REGION = "000000"
"""The folder and region code of the national basic catalog."""
