"""The columns of the item workbook, shared by the template, the export and the import.

One definition per column: its standard Chinese header (the element names of GB/T 39046
and the national exchange schema), the item field it carries, how its cells are written
and read, and the header aliases that department sheets use. The template and the export
write exactly these columns, so that export → import round-trips.

Sheets: 事项 (one row per item), 申请材料, 办理流程 and 收费项目 (one row per entry, keyed
by 基本编码 and 区划代码). Lists inside a cell (设定依据, 受理条件, 服务对象 …) hold one
entry per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, StrEnum

from pydantic import BaseModel

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
from catalog_tool.model.item import Fee, Item, Material, Step
from catalog_tool.model.nesting import model_in


class Kind(StrEnum):
    """How a column's cells map to values."""

    TEXT = "text"
    """Text; inner line breaks are kept."""
    CODE = "code"
    """A code made of digits (or a credit code): written as text, leading zeros restored."""
    INT = "int"
    """A whole number (days, visits, copies)."""
    BOOL = "bool"
    """是 / 否."""
    ENUM = "enum"
    """One value of a closed vocabulary (a dropdown in the template)."""
    LIST = "list"
    """Several texts, one per line."""
    ENUM_LIST = "enum_list"
    """Several vocabulary values, one per line (or separated by 、，；)."""
    NEED = "need"
    """必要性 of a material: 必要 / 非必要 / 容缺后补."""


class Role(StrEnum):
    """What a sheet holds."""

    ITEMS = "items"
    MATERIALS = "materials"
    STEPS = "steps"
    FEES = "fees"


YES, NO = "是", "否"
NEED_WORDS = ("必要", "非必要", "容缺后补")

# Special paths: not item fields, but keys and flags the import interprets.
ORDER = "#order"
"""序号 / 顺序 of an entry within its item."""
HAS_FEES = "#has_fees"
"""是否收费: 否 means ``fees: []``."""
MATERIALS_TEXT = "#materials_text"
"""申请材料 written as text in the item sheet (messy sheets only; never exported)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet."""

    header: str
    """The standard Chinese header."""
    path: str
    """Dotted field path inside the row's record (``agency.name``), or a special path."""
    kind: Kind = Kind.TEXT
    width: float = 16
    """Display width in characters."""
    aliases: tuple[str, ...] = ()
    """Other headers that mean this column (compared after header normalisation)."""
    choices: tuple[str, ...] = ()
    """Allowed values (ENUM, ENUM_LIST, BOOL, NEED): the template's dropdown."""
    digits: int = 0
    """For CODE columns made of digits: the width leading zeros are restored to."""
    squeeze: bool = True
    """For CODE columns: drop the spaces inside and upper-case letters (codes); phone
    numbers keep their text ("0537 2216800 转 8001"), only trimmed."""
    description: str = ""
    """What the field means (the model's Chinese description): the header comment."""
    import_only: bool = False
    """Recognised on import but never written by the template or the export."""
    decides: str = ""
    """For a special column: the item field it gives on its own (是否收费 否 means
    ``fees: []``), so that a sheet without that field is a sheet without this column."""

    @property
    def wraps(self) -> bool:
        """True for cells that may hold several lines."""
        return self.kind in (Kind.LIST, Kind.ENUM_LIST) or self.path in _LONG_TEXT


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """One sheet of the workbook."""

    role: Role
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    """Other sheet names that mean this sheet."""
    entry: str = ""
    """For entry sheets: the item field the rows are entries of (``materials``)."""
    model: type[BaseModel] = Item

    @property
    def written(self) -> tuple[Column, ...]:
        """The columns the template and the export write."""
        return tuple(c for c in self.columns if not c.import_only)

    def column(self, path: str) -> Column | None:
        """The column carrying ``path``."""
        return next((c for c in self.columns if c.path == path), None)


_LONG_TEXT = frozenset(
    {"visits_reason", "notes", "acceptance", "description", "venue.address", "venue.hours"}
)


def _values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in enum)


def _field_description(model: type[BaseModel], path: str) -> str:
    """The Chinese description of the field at dotted ``path`` of ``model``."""
    current: type[BaseModel] | None = model
    description = ""
    for name in path.split("."):
        if current is None or name not in current.model_fields:
            return ""
        info = current.model_fields[name]
        description = info.description or ""
        current = model_in(info.annotation)
    return description


def _columns(model: type[BaseModel], specs: Iterable[Column]) -> tuple[Column, ...]:
    out = []
    for spec in specs:
        description = spec.description or _field_description(model, spec.path)
        out.append(
            Column(
                header=spec.header,
                path=spec.path,
                kind=spec.kind,
                width=spec.width,
                aliases=spec.aliases,
                choices=spec.choices or (NEED_WORDS if spec.kind is Kind.NEED else ()),
                digits=spec.digits,
                squeeze=spec.squeeze,
                description=description,
                import_only=spec.import_only,
                decides=spec.decides,
            )
        )
    return tuple(out)


_BOOL = (YES, NO)
_CODE = Column(
    "基本编码",
    "code",
    Kind.CODE,
    16,
    ("事项编码", "编码", "基本目录编码", "事项基本编码", "目录编码"),
    digits=12,
    description="12 位数字的基本编码,与国家基本目录一致。",
)
_REGION = Column(
    "区划代码",
    "region",
    Kind.CODE,
    10,
    ("行政区划代码", "区划编码", "行政区划编码", "区划", "行政区划"),
    digits=6,
    description="实施区划的 GB/T 2260 代码;国家基本目录为 000000。不填时为导入时 --region 指定的区划。",
)
_ENTRY_KEYS = (
    Column(
        _CODE.header,
        _CODE.path,
        _CODE.kind,
        _CODE.width,
        _CODE.aliases,
        digits=12,
        description="所属事项的基本编码(12位),与“事项”表一致。",
    ),
    Column(
        _REGION.header,
        _REGION.path,
        _REGION.kind,
        _REGION.width,
        _REGION.aliases,
        digits=6,
        description="所属事项的区划代码;只有一个区划时可以不填。",
    ),
)

ITEM_SHEET = SheetSpec(
    Role.ITEMS,
    "事项",
    _columns(
        Item,
        (
            _CODE,
            Column("事项名称", "name", width=30, aliases=("名称", "事项名", "服务事项名称", "政务服务事项名称", "事项全称")),
            Column("事项类型", "type", Kind.ENUM, 14, ("类型", "事项类别", "权力类型", "权力类别"), _values(ItemType)),
            _REGION,
            Column("设定依据", "basis", Kind.LIST, 40, ("法律依据", "依据", "设立依据", "法定依据")),
            Column("实施编码", "impl_code", Kind.CODE, 34, ("事项实施编码",)),
            Column("实施主体", "agency.name", width=26, aliases=("实施机关", "实施主体名称", "实施部门", "实施机构")),
            Column("实施主体编码", "agency.credit_code", Kind.CODE, 22, ("统一社会信用代码", "实施主体统一社会信用代码", "实施主体代码", "信用代码")),
            Column("实施主体性质", "agency.nature", Kind.ENUM, 14, ("主体性质",), _values(AgencyNature)),
            Column("受理条件", "conditions", Kind.LIST, 40, ("申请条件", "办理条件")),
            Column("法定办结时限", "time_limit.legal_days", Kind.INT, 12, ("法定时限", "法定期限", "法定办理时限")),
            Column("承诺办结时限", "time_limit.promised_days", Kind.INT, 12, ("承诺时限", "承诺期限", "承诺办理时限")),
            Column("时限单位", "time_limit.unit", Kind.ENUM, 10, ("办结时限单位", "时限类型"), _values(TimeUnit)),
            Column("办件类型", "handling", Kind.ENUM, 10, ("办件类别",), _values(Handling)),
            Column("到办事现场次数", "visits", Kind.INT, 12, ("到现场次数", "跑动次数", "到办事现场最多次数", "现场次数")),
            Column("必须现场办理原因说明", "visits_reason", width=24, aliases=("必须到现场原因", "现场办理原因", "必须现场办理原因")),
            Column("是否网办", "online.available", Kind.BOOL, 10, ("是否网上办理", "网上办理", "是否可网上办理", "是否可网办"), _BOOL),
            Column("网上办理深度", "online.depth", Kind.INT, 12, ("网办深度", "网上办理程度")),
            Column("网上办理地址", "online.url", width=30, aliases=("网办地址", "在线办理地址", "网上办理链接")),
            Column("是否支持物流快递", "delivery", Kind.BOOL, 12, ("物流快递", "是否支持快递", "快递送达"), _BOOL),
            Column("是否进驻大厅", "in_hall", Kind.BOOL, 12, ("进驻大厅", "是否进驻政务服务大厅", "是否进驻政务大厅"), _BOOL),
            Column("服务对象", "service_objects", Kind.ENUM_LIST, 16, ("办理对象", "服务对象类型"), _values(ServiceObject)),
            Column("办理地点", "venue.address", width=30, aliases=("受理地点", "办公地点", "办理地址")),
            Column("办理时间", "venue.hours", width=26, aliases=("受理时间", "办公时间")),
            Column("咨询电话", "venue.phone", Kind.CODE, 16, ("咨询方式", "咨询电话号码"), squeeze=False),
            Column("监督投诉电话", "venue.complaint_phone", Kind.CODE, 16, ("投诉电话", "监督投诉方式", "监督电话"), squeeze=False),
            Column("审批结果名称", "result.name", width=24, aliases=("结果名称", "审批结果", "办理结果", "结果证照名称")),
            Column("审批结果类型", "result.kind", Kind.ENUM, 12, ("结果类型", "办理结果类型"), _values(ResultKind)),
            Column("审批结果样本", "result.sample", width=24, aliases=("结果样本",)),
            Column("是否收费", HAS_FEES, Kind.BOOL, 10, ("收费",), _BOOL, description="否:不收费;是:收费项目填在“收费项目”表。", decides="fees"),
            Column("事项状态", "status", Kind.ENUM, 10, ("状态",), _values(Status)),
            Column("同步来源区划", "synced_from.region", Kind.CODE, 12, digits=6, description="catalog merge 维护:本事项最后一次从哪个上级区划同步。部门填表时留空。"),
            Column("同步版本", "synced_from.hash", Kind.CODE, 18, squeeze=False, description="catalog merge 维护:同步时上级事项的版本号。部门填表时留空;与“同步来源区划”同填同空。"),
            Column("申请材料", MATERIALS_TEXT, Kind.TEXT, 40, ("申请材料目录", "材料清单", "申报材料", "申请材料名称"), import_only=True, description="申请材料,一行一项。"),
        ),
    ),
    aliases=("事项清单", "事项表", "事项目录", "实施清单", "事项信息", "基本信息"),
)  # fmt: skip

MATERIAL_SHEET = SheetSpec(
    Role.MATERIALS,
    "申请材料",
    (
        *_ENTRY_KEYS,
        *_columns(
            Material,
            (
                Column("序号", ORDER, Kind.INT, 6, ("顺序", "材料序号"), description="材料在本事项中的顺序;不填按行的顺序。"),
                Column("材料名称", "name", width=30, aliases=("申请材料名称", "材料")),
                Column("必要性", "required", Kind.NEED, 10, ("是否必要", "材料必要性", "是否必需"), description="必要、非必要,或“容缺后补”(可先受理、后补交)。"),
                Column("材料类型", "form", Kind.ENUM, 14, ("原件或复印件", "材料原件或复印件"), _values(MaterialForm)),
                Column("份数", "copies", Kind.INT, 6, ("材料份数", "数量")),
                Column("材料形式", "media", Kind.ENUM, 12, ("纸质或电子", "材料介质", "提交形式"), _values(MaterialMedia)),
                Column("来源渠道", "source", Kind.ENUM, 14, ("材料来源", "来源", "材料来源渠道"), _values(MaterialSource)),
                Column("出具机构", "issuer", width=20, aliases=("出具单位", "来源渠道说明", "发证机关")),
                Column("材料种类", "kind", Kind.ENUM, 10, ("材料类别",), _values(MaterialKind)),
                Column("要求提供材料的依据", "basis", Kind.LIST, 40, ("材料依据", "依据", "设定依据", "法律依据")),
                Column("空白表格", "blank_form", width=24, aliases=("空表", "空白表格下载")),
                Column("示例样表", "sample", width=24, aliases=("样表", "示范文本", "示例样本")),
                Column("填报须知", "notes", width=30, aliases=("填写说明", "填报说明")),
                Column("受理标准", "acceptance", width=30, aliases=("材料要求", "材料受理标准")),
            ),
        ),
    ),
    aliases=("材料", "材料清单", "申请材料清单", "申报材料", "材料目录"),
    entry="materials",
    model=Material,
)  # fmt: skip

STEP_SHEET = SheetSpec(
    Role.STEPS,
    "办理流程",
    (
        *_ENTRY_KEYS,
        *_columns(
            Step,
            (
                Column("顺序", ORDER, Kind.INT, 6, ("序号", "环节序号", "步骤"), description="环节的顺序;不填按行的顺序。"),
                Column("环节名称", "name", width=20, aliases=("办理环节", "环节", "流程环节", "步骤名称")),
                Column("环节时限", "days", Kind.INT, 10, ("办理时限", "环节办理时限", "时限")),
                Column("计入法定时限", "counted", Kind.BOOL, 12, ("是否计时", "是否计入法定时限", "计入时限"), _BOOL, description="是或否。“否”表示不计时环节或特别程序(听证、专家评审、现场踏勘、检验检测等),须在“环节时限”写明该环节自身的时限。"),
                Column("环节说明", "description", width=40, aliases=("办理要求", "审查标准", "环节描述", "说明")),
            ),
        ),
    ),
    aliases=("流程", "办理环节", "办事流程", "审批流程"),
    entry="steps",
    model=Step,
)  # fmt: skip

FEE_SHEET = SheetSpec(
    Role.FEES,
    "收费项目",
    (
        *_ENTRY_KEYS,
        *_columns(
            Fee,
            (
                Column("序号", ORDER, Kind.INT, 6, ("顺序",), description="收费项目的顺序;不填按行的顺序。"),
                Column("收费项目名称", "name", width=24, aliases=("收费项目", "收费名称")),
                Column("收费标准", "standard", width=30, aliases=("收费金额",)),
                Column("收费依据", "basis", Kind.LIST, 40, ("依据", "法律依据")),
            ),
        ),
    ),
    aliases=("收费", "收费标准", "收费信息"),
    entry="fees",
    model=Fee,
)  # fmt: skip

SHEETS: tuple[SheetSpec, ...] = (ITEM_SHEET, MATERIAL_SHEET, STEP_SHEET, FEE_SHEET)
"""The data sheets, in workbook order."""
SHEET_BY_ROLE = {spec.role: spec for spec in SHEETS}
SUMMARY_SHEET = "汇总"
"""The export's summary sheet; the import skips it."""
EXPLANATION_SHEET = "填写说明"
"""The template's instructions sheet; the import skips it."""
PROBLEMS_SHEET = "导入问题"
"""The sheet ``--annotate`` adds in front of the department's workbook; the import skips it."""
SKIPPED_SHEETS = frozenset({SUMMARY_SHEET, EXPLANATION_SHEET, PROBLEMS_SHEET})

NATURAL_KEYS = {Role.MATERIALS: "name", Role.STEPS: "name", Role.FEES: "name"}
"""The field that names an entry: how entries are matched to the ones already in a file."""
