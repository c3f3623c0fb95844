"""Closed vocabularies of format v1 (GB/T 39046 and the national exchange schema).

The values are the Chinese terms that appear in the YAML files and spreadsheets.
"""

from __future__ import annotations

from enum import StrEnum


class ItemType(StrEnum):
    """事项类型 (GB/T 39046 A.1)."""

    LICENSE = "行政许可"
    PENALTY = "行政处罚"
    COERCION = "行政强制"
    LEVY = "行政征收"
    PAYMENT = "行政给付"
    INSPECTION = "行政检查"
    CONFIRMATION = "行政确认"
    REWARD = "行政奖励"
    ADJUDICATION = "行政裁决"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"

    @property
    def type_code(self) -> str:
        """The two-digit type code of GB/T 39046 A.1."""
        return _TYPE_CODES[self]

    @property
    def is_enforcement(self) -> bool:
        """True for acts of power (处罚/强制/检查) that have no application."""
        return self in ENFORCEMENT_TYPES


_TYPE_CODES = {
    ItemType.LICENSE: "01",
    ItemType.PENALTY: "02",
    ItemType.COERCION: "03",
    ItemType.LEVY: "04",
    ItemType.PAYMENT: "05",
    ItemType.INSPECTION: "06",
    ItemType.CONFIRMATION: "07",
    ItemType.REWARD: "08",
    ItemType.ADJUDICATION: "09",
    ItemType.OTHER_POWER: "10",
    ItemType.PUBLIC_SERVICE: "20",
}

ENFORCEMENT_TYPES = frozenset({ItemType.PENALTY, ItemType.COERCION, ItemType.INSPECTION})
"""行政处罚, 行政强制 and 行政检查: 三级五统一 applies, and there are no materials."""

OPTIONAL_TIME_LIMIT_TYPES = ENFORCEMENT_TYPES | {ItemType.LEVY, ItemType.PUBLIC_SERVICE}
"""Types whose time limits may be empty (architecture.md, catalog root)."""


class AgencyNature(StrEnum):
    """实施主体性质."""

    STATUTORY = "法定机关"
    AUTHORIZED = "授权组织"
    ENTRUSTED = "受委托组织"
    OTHER = "其他"


class MaterialForm(StrEnum):
    """材料类型: original or copy."""

    ORIGINAL = "原件"
    COPY = "复印件"
    EITHER = "原件或复印件"


class MaterialMedia(StrEnum):
    """材料形式: paper or electronic."""

    PAPER = "纸质"
    ELECTRONIC = "电子"
    BOTH = "纸质和电子"


class MaterialSource(StrEnum):
    """来源渠道 (申请人自备 10 / 政府部门核发 20 / 其他 99)."""

    APPLICANT = "申请人自备"
    GOVERNMENT = "政府部门核发"
    OTHER = "其他"


class MaterialKind(StrEnum):
    """What a material is: a form to fill, a proof, a licence or other."""

    FORM = "申请表"
    PROOF = "证明"
    LICENCE = "证照"
    OTHER = "其他"


class TimeUnit(StrEnum):
    """Unit of a time limit."""

    WORKING_DAY = "工作日"
    CALENDAR_DAY = "自然日"


class Handling(StrEnum):
    """办件类型."""

    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class ServiceObject(StrEnum):
    """服务对象 (GB/T 39046 A.4)."""

    PERSON = "自然人"
    ENTERPRISE = "企业法人"
    INSTITUTION = "事业法人"
    SOCIAL_ORG = "社会组织法人"
    ORGAN = "行政机关"
    OTHER_ORG = "其他组织"


class ResultKind(StrEnum):
    """审批结果类型."""

    LICENCE = "证照"
    APPROVAL = "批文"
    DOCUMENT = "文书"
    OTHER = "其他"


class Status(StrEnum):
    """事项状态."""

    ACTIVE = "在用"
    SUSPENDED = "暂停"
    CANCELLED = "取消"


class Level(StrEnum):
    """行使层级 (GB/T 39046 A.2); the value is the Chinese name."""

    NATIONAL = "国家级"
    PROVINCE = "省级"
    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡镇级"
    VILLAGE = "村级"

    @property
    def number(self) -> int:
        """The level digit: 国家级 1 … 村级 6; it is also digit 19 of the 实施编码."""
        return _LEVEL_NUMBERS[self]


_LEVEL_NUMBERS = {level: number for number, level in enumerate(Level, start=1)}
