"""Item format v1: one 政务服务事项 per YAML file (architecture.md, "Item format").

National items (region ``000000``) need only code, name, type and basis; implementation
items need the full element set. :class:`Item` holds every element as optional, and
:class:`ImplementationItem` makes the elements of an implementation list required.
"""

from __future__ import annotations

from copy import copy
from typing import Annotated, Any, Literal

from pydantic import Field, create_model
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from catalog_tool.model.base import Lax, StrictModel
from catalog_tool.model.codes import CODE_PATTERN, NATIONAL_REGION, REGION_PATTERN, USCC_PATTERN
from catalog_tool.model.enums import (
    AgencyNature,
    Handling,
    ItemType,
    MaterialForm,
    MaterialKind,
    MaterialMedia,
    MaterialSource,
    ResultKind,
    ServiceObject,
    Status,
    TimeUnit,
)

Citation = Annotated[
    str,
    Field(
        min_length=1,
        title="法律依据",
        description="一条法律依据,如《中华人民共和国食品安全法》第三十五条第一款。",
    ),
]
Days = Annotated[int, Field(ge=0, le=3650)]


class Agency(StrictModel):
    """实施主体."""

    name: str = Field(
        min_length=1, max_length=100, title="实施主体", description="实施机关或组织的全称。"
    )
    credit_code: str = Field(
        title="实施主体编码",
        description="实施主体的统一社会信用代码(GB 32100,18位,末位为校验码)。",
        pattern=USCC_PATTERN,
    )
    nature: Lax[AgencyNature] = Field(
        title="实施主体性质", description="法定机关、授权组织、受委托组织或其他。"
    )


class Material(StrictModel):
    """申请材料: one document the applicant hands in."""

    name: str = Field(min_length=1, max_length=200, title="材料名称", description="材料的名称。")
    required: bool | Literal["容缺后补"] = Field(
        title="必要性",
        description="true 为必要,false 为非必要,“容缺后补”为可先受理后补交。",
    )
    form: Lax[MaterialForm] = Field(title="材料类型", description="原件、复印件或原件或复印件。")
    copies: int = Field(ge=0, le=100, title="份数", description="需提交的份数,电子材料可为0。")
    media: Lax[MaterialMedia] = Field(title="材料形式", description="纸质、电子或纸质和电子。")
    source: Lax[MaterialSource] = Field(
        title="来源渠道",
        description="申请人自备、政府部门核发或其他。政府部门核发的材料应通过数据共享获取。",
    )
    issuer: str | None = Field(
        default=None, title="出具机构", description="出具该材料的机构,来源为政府部门核发时填写。"
    )
    kind: Lax[MaterialKind] | None = Field(
        default=None,
        title="材料种类",
        description="申请表、证明、证照或其他;省略时按名称推断。",
    )
    basis: list[Citation] = Field(
        default_factory=list,
        title="要求提供材料的依据",
        description="要求申请人提供该材料的法律依据;没有依据的材料应当取消。",
    )
    blank_form: str | None = Field(
        default=None,
        title="空白表格",
        description="空白表格文件的路径,相对于目录根目录。",
    )
    sample: str | None = Field(
        default=None, title="示例样表", description="示例样表文件的路径,相对于目录根目录。"
    )
    notes: str | None = Field(default=None, title="填报须知", description="填写说明。")
    acceptance: str | None = Field(default=None, title="受理标准", description="材料的受理标准。")


class Step(StrictModel):
    """办理流程中的一个环节."""

    name: str = Field(min_length=1, max_length=100, title="环节名称", description="环节的名称。")
    days: Days | None = Field(default=None, title="环节时限", description="该环节承诺的工作日数。")
    counted: bool = Field(
        default=True,
        title="计入法定时限",
        description="false 表示不计时环节或特别程序(听证、专家评审、现场踏勘、检验检测等),"
        "此时须写明该环节自身的时限。",
    )
    description: str | None = Field(default=None, title="环节说明", description="办理要求。")


class TimeLimit(StrictModel):
    """法定/承诺办结时限."""

    legal_days: Days | None = Field(
        default=None, title="法定办结时限", description="法律法规规定的办结时限。"
    )
    promised_days: Days | None = Field(
        default=None, title="承诺办结时限", description="实施机关承诺的办结时限,0 为当场办结。"
    )
    unit: Lax[TimeUnit] = Field(
        default=TimeUnit.WORKING_DAY, title="时限单位", description="工作日或自然日。"
    )


class Fee(StrictModel):
    """收费项目."""

    name: str = Field(min_length=1, title="收费项目名称", description="收费项目的名称。")
    standard: str = Field(min_length=1, title="收费标准", description="收费的标准。")
    basis: list[Citation] = Field(
        default_factory=list, title="收费依据", description="收费的法律或政策依据。"
    )


class Online(StrictModel):
    """网上办理."""

    available: bool = Field(title="是否网办", description="是否可以在网上办理。")
    depth: int | None = Field(
        default=None, ge=1, le=7, title="网上办理深度", description="1 至 7 级。"
    )
    url: str | None = Field(
        default=None,
        pattern=r"^https?://\S+$",
        title="网上办理地址",
        description="在线办理的网址。",
    )


class Venue(StrictModel):
    """办理地点与联系方式."""

    address: str = Field(min_length=1, max_length=500, title="办理地点", description="办理地址。")
    hours: str = Field(min_length=1, max_length=200, title="办理时间", description="办理时间。")
    phone: str = Field(min_length=1, title="咨询电话", description="咨询电话,可写多个。")
    complaint_phone: str = Field(
        min_length=1, title="监督投诉电话", description="监督投诉电话,可写多个。"
    )


class Result(StrictModel):
    """审批结果."""

    name: str = Field(
        min_length=1, max_length=200, title="结果名称", description="审批结果的名称。"
    )
    kind: Lax[ResultKind] = Field(title="结果类型", description="证照、批文、文书或其他。")
    sample: str | None = Field(
        default=None, title="结果样本", description="结果样本文件的路径,相对于目录根目录。"
    )


class SyncedFrom(StrictModel):
    """The upstream version an implementation item was last synchronised from."""

    region: str = Field(pattern=REGION_PATTERN, title="上级区划", description="上级事项所在区划。")
    hash: str = Field(
        pattern=r"^[0-9a-f]{12,64}$",
        title="上级版本",
        description="同步时上级事项内容的哈希,由 catalog merge 写入。",
    )


class Item(StrictModel):
    """一个政务服务事项 (format v1). Only code, name, type, region and basis are always required."""

    code: str = Field(
        title="基本编码",
        description="12位数字的基本编码,须加引号写成字符串,以免丢失前导零。",
        pattern=CODE_PATTERN,
    )
    name: str = Field(
        min_length=1,
        max_length=200,
        title="事项名称",
        description="与国家基本目录一致的事项名称,不含实施机关、地名或数字。",
    )
    type: Lax[ItemType] = Field(title="事项类型", description="11 种事项类型之一。")
    region: str = Field(
        title="区划代码",
        description="实施区划的 GB/T 2260 代码,须与所在文件夹一致;国家基本目录为 000000。",
        pattern=REGION_PATTERN,
    )
    basis: list[Citation] = Field(
        min_length=1,
        title="设定依据",
        description="设定该事项的法律依据,按国家、省、市的顺序列出。",
    )
    impl_code: str | None = Field(
        default=None,
        title="实施编码",
        description="31位实施编码:实施主体统一社会信用代码(18位)+行使层级(1位)+基本编码(12位)。",
        pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}\d{13}$",
    )
    agency: Agency | None = Field(default=None, title="实施主体", description="实施主体信息。")
    conditions: list[Annotated[str, Field(min_length=1)]] | None = Field(
        default=None, title="受理条件", description="受理条件,逐条列出。"
    )
    materials: list[Material] | None = Field(
        default=None, title="申请材料", description="申请材料清单。"
    )
    steps: list[Step] | None = Field(
        default=None, title="办理流程", description="办理环节,按顺序列出。"
    )
    time_limit: TimeLimit | None = Field(
        default=None, title="办结时限", description="法定与承诺办结时限。"
    )
    handling: Lax[Handling] | None = Field(
        default=None, title="办件类型", description="即办件或承诺件。"
    )
    fees: list[Fee] | None = Field(
        default=None, title="收费", description="收费项目;空列表表示不收费。"
    )
    visits: int | None = Field(
        default=None, ge=0, le=20, title="到办事现场次数", description="申请人需到现场的次数。"
    )
    visits_reason: str | None = Field(
        default=None,
        title="必须现场办理原因说明",
        description="到现场次数大于0时,说明必须到现场的原因和法律依据。",
    )
    online: Online | None = Field(default=None, title="网上办理", description="网上办理情况。")
    delivery: bool | None = Field(
        default=None, title="是否支持物流快递", description="结果是否可快递送达。"
    )
    in_hall: bool | None = Field(
        default=None, title="是否进驻大厅", description="是否进驻政务服务大厅。"
    )
    service_objects: list[Lax[ServiceObject]] | None = Field(
        default=None, title="服务对象", description="自然人、企业法人等(GB/T 39046 A.4)。"
    )
    venue: Venue | None = Field(
        default=None, title="办理地点", description="办理地点、时间与电话。"
    )
    result: Result | None = Field(default=None, title="审批结果", description="审批结果。")
    status: Lax[Status] = Field(
        default=Status.ACTIVE, title="事项状态", description="在用、暂停或取消。"
    )
    synced_from: SyncedFrom | None = Field(
        default=None,
        title="同步来源",
        description="本事项最后一次从哪个上级版本同步而来,由 catalog merge 维护。",
    )

    @property
    def is_national(self) -> bool:
        """True for an item of the national basic catalog."""
        return self.region == NATIONAL_REGION


IMPLEMENTATION_REQUIRED = (
    "agency",
    "conditions",
    "materials",
    "steps",
    "time_limit",
    "handling",
    "fees",
    "visits",
    "online",
    "venue",
    "result",
    "status",
)
"""Elements an implementation item must carry (architecture.md, "Catalog root")."""

NULLABLE_IN_IMPLEMENTATION = frozenset({"time_limit"})
"""Required keys that may still be empty: time limits may be empty for some types."""


def _required(name: str) -> tuple[Any, FieldInfo]:
    info = Item.model_fields[name]
    annotation: Any = info.annotation
    if name not in NULLABLE_IN_IMPLEMENTATION:
        args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
        if len(args) == 1:
            annotation = args[0]
    required = copy(info)
    required.default = PydanticUndefined
    required.default_factory = None
    return annotation, required


ImplementationItem: type[Item] = create_model(  # type: ignore[call-overload]
    "ImplementationItem",
    __base__=Item,
    __doc__="一个实施清单事项: the full element set is required.",
    **{name: _required(name) for name in IMPLEMENTATION_REQUIRED},
)
"""An item below the national level: the elements of the implementation list are required."""


def model_for_region(region: str) -> type[Item]:
    """The model that validates an item of ``region``."""
    return Item if region == NATIONAL_REGION else ImplementationItem
