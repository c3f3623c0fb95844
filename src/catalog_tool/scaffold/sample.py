"""The sample region and item that ``catalog init`` writes, and the codes derived from them."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from catalog_tool.catalog.regions import level_from_code
from catalog_tool.domain.normalize import canonical_text
from catalog_tool.domain.uscc import check_character
from catalog_tool.errors import CatalogError
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.regions import Region
from catalog_tool.text import Text

SAMPLE_CODE = "002001001000"
"""基本编码 of the sample item (失业登记, a 公共服务 with a short, well-cited basis)."""
_ORGANIZATION = "MB2853995"
"""Digits 9–17 of the sample agency's 统一社会信用代码 (made up; the check digit is real)."""


@dataclass(frozen=True, slots=True)
class SampleSite:
    """Where the sample item is implemented."""

    code: str
    """GB/T 2260 code of the region."""
    name: str
    """Its name, as regions.yaml writes it."""
    agency: str
    """The implementing agency of the sample item."""
    address: str
    """The service hall of the sample item."""

    @property
    def national(self) -> bool:
        """True for the national basic catalog (no implementation item)."""
        return self.code == NATIONAL_REGION

    @property
    def credit_code(self) -> str:
        """A 统一社会信用代码 that passes the GB 32100 check (12: a public institution)."""
        first17 = f"12{self.code[:6]}{_ORGANIZATION}"
        return first17 + check_character(first17)

    @property
    def impl_code(self) -> str:
        """实施编码: credit code + level digit + 基本编码."""
        return f"{self.credit_code}{level_from_code(self.code).number}{SAMPLE_CODE}"


EXAMPLE_SITE = SampleSite(
    code="370811",
    name="任城区",
    agency="济宁市任城区公共就业和人才服务中心",
    address="济宁市任城区为民服务中心（政务服务大厅）",
)
"""The example chain's county (山东省—济宁市—任城区) when no region is given."""


def site_for(code: str, name: str) -> SampleSite:
    """The sample site for the region the user named; raises CatalogError when the code or
    name would not make a valid ``regions.yaml`` entry."""
    name = canonical_text(name.strip())
    try:
        Region.model_validate({"code": code, "name": name})
    except ValidationError as err:
        if err.errors(include_url=False)[0]["loc"][0] == "code":
            what = Text(
                f"区划代码“{code}”无效:须为 6、9 或 12 位数字",
                f"region code {code!r} is invalid: it must be 6, 9 or 12 digits",
            )
        else:
            what = Text(
                f"区划名称“{name}”无效:须为 1 至 50 个字",
                f"region name {name!r} is invalid: it must be 1 to 50 characters",
            )
        raise CatalogError(
            what,
            Text(
                "--region 为 GB/T 2260 区划代码,--name 为区划名称,"
                "如 --region 370811 --name 任城区。",
                "--region is a GB/T 2260 code and --name its name, "
                "e.g. --region 370811 --name 任城区.",
            ),
        ) from None
    return SampleSite(
        code=code,
        name=name,
        agency=f"{name}公共就业和人才服务中心",
        address=f"{name}政务服务中心",
    )
