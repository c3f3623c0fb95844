"""The words of the guide: element labels and interface text, in Chinese and English.

Catalog data (names, types, citations) stays as written; only these labels follow ``--lang``.
"""

from __future__ import annotations

from catalog_tool.text import Lang, Text

# Element labels, named after the guide element (GB/T 39046 table 4).
NAME = Text("事项名称", "Item name")
CODE = Text("基本编码", "Basic code")
IMPL_CODE = Text("实施编码", "Implementation code")
TYPE = Text("事项类型", "Item type")
BASIS = Text("设定依据", "Legal basis")
AGENCY = Text("实施主体", "Implementing body")
AGENCY_NATURE = Text("实施主体性质", "Nature of the body")
CREDIT_CODE = Text("统一社会信用代码", "Unified social credit code")
REGION = Text("实施区划", "Region")
SERVICE_OBJECTS = Text("服务对象", "Service objects")
CONDITIONS = Text("受理条件", "Acceptance conditions")
MATERIALS = Text("申请材料", "Application materials")
STEPS = Text("办理流程", "Procedure")
TIME_LIMIT = Text("办结时限", "Time limits")
LEGAL_DAYS = Text("法定办结时限", "Statutory time limit")
PROMISED_DAYS = Text("承诺办结时限", "Promised time limit")
HANDLING = Text("办件类型", "Handling")
FEES = Text("收费", "Fees")
VISITS = Text("到办事现场次数", "Visits to the service hall")
VISITS_REASON = Text("必须现场办理原因", "Why a visit is needed")
ONLINE = Text("是否网办", "Available online")
ONLINE_DEPTH = Text("网上办理深度", "Online depth")
ONLINE_URL = Text("网上办理地址", "Online address")
DELIVERY = Text("物流快递", "Delivery by post")
ADDRESS = Text("办理地点", "Where to apply")
HOURS = Text("办理时间", "Opening hours")
PHONE = Text("咨询电话", "Enquiries")
COMPLAINT_PHONE = Text("监督投诉电话", "Complaints")
RESULT = Text("审批结果", "Result")
STATUS = Text("事项状态", "Status")

# Materials table.
MATERIAL_NO = Text("序号", "No.")
MATERIAL_NAME = Text("材料名称", "Material")
MATERIAL_FORM = Text("形式", "Form")
MATERIAL_COPIES = Text("份数", "Copies")
MATERIAL_SOURCE = Text("来源", "Source")
MATERIAL_BASIS = Text("依据", "Basis")
MATERIAL_FILES = Text("表格", "Forms")
MATERIAL_COLUMNS = (
    MATERIAL_NO,
    MATERIAL_NAME,
    MATERIAL_FORM,
    MATERIAL_COPIES,
    MATERIAL_SOURCE,
    MATERIAL_BASIS,
    MATERIAL_FILES,
)
"""The columns of the materials table, the same in every format."""
BLANK_FORM = Text("空白表格", "Blank form")
SAMPLE = Text("示例样表", "Sample")
REQUIRED = Text("必要", "required")
OPTIONAL = Text("非必要", "optional")
DEFERRABLE = Text("容缺后补", "may follow later")
ISSUER = Text("出具机构", "Issued by")
NOTES = Text("填报须知", "Notes")
RESULT_SAMPLE = Text("结果样本", "Sample of the result")

# Fees table.
FEE_NAME = Text("收费项目", "Fee")
FEE_STANDARD = Text("收费标准", "Amount")
FEE_BASIS = Text("收费依据", "Basis")

# Values and phrases.
YES = Text("是", "yes")
NO = Text("否", "no")
NONE = Text("无", "none")
NOT_APPLICABLE = Text("不适用", "not applicable")
FREE = Text("不收费", "free of charge")
UNCOUNTED = Text("不计入法定时限", "not counted toward the statutory limit")
ON_THE_SPOT = Text("当场办结", "settled on the spot")
DAYS = Text("{days} 个{unit}", "{days} {unit}")
COMPRESSION = Text("比法定时限压缩 {share}", "{share} shorter than the statutory limit")
TIMES = Text("{visits} 次", "{visits}")
DEPTH = Text("{depth} 级", "level {depth}")
SCAN = Text("扫码办理", "Scan to apply")
SUSPENDED = Text("本事项暂停办理", "This item is suspended")
UNIT_EN = {"工作日": "working days", "自然日": "calendar days"}

# Site interface.
SITE_TITLE = Text("{name}政务服务事项办事指南", "Service guides: {name}")
SITE_TITLE_ALL = Text("政务服务事项办事指南", "Government service guides")
HOME = Text("首页", "Home")
BY_REGION = Text("按区划", "By region")
BY_DEPARTMENT = Text("按部门", "By department")
BY_TYPE = Text("按类型", "By type")
DASHBOARD = Text("统计看板", "Statistics")
SEARCH = Text("搜索事项", "Search")
SEARCH_PLACEHOLDER = Text("输入事项名称、编码或部门", "Item name, code or department")
SEARCH_COUNT = Text("找到 {n} 项", "{n} found")
SEARCH_MORE = Text("找到 {n} 项，显示前 {shown} 项", "{n} found, showing the first {shown}")
SEARCH_NONE = Text("没有找到匹配的事项", "No matching item")
ITEMS_COUNT = Text("{n} 项", "{n} items")
REGIONS_HEADING = Text("区划", "Regions")
DEPARTMENTS_HEADING = Text("部门", "Departments")
TYPES_HEADING = Text("事项类型", "Item types")
SUBREGIONS = Text("下级区划", "Subregions")
NO_ITEMS = Text("没有事项", "No items")
ITEMS_HEADING = Text("事项", "Items")
BY_REGION_COUNTS = Text("各区划事项数", "Items per region")
GENERATED_BY = Text(
    "由 catalog-tool 根据事项目录生成", "Generated from the catalog by catalog-tool"
)
PRINT = Text("打印", "Print")
ALL_ITEMS = Text("全部 {n} 项事项", "All {n} items")


def labelled(label: Text, value: object, lang: Lang) -> str:
    """``label：value`` (Chinese takes the full-width colon), ``label: value`` in English."""
    return f"{label.get(lang)}：{value}" if lang is Lang.ZH else f"{label.get(lang)}: {value}"


def paren(value: object, lang: Lang) -> str:
    """``（value）`` in Chinese, `` (value)`` in English."""
    return f"（{value}）" if lang is Lang.ZH else f" ({value})"


def unit(name: str, lang: Lang) -> str:
    """A time unit (工作日/自然日) in ``lang``."""
    return name if lang is Lang.ZH else UNIT_EN.get(name, name)


def days(count: int, unit_name: str, lang: Lang) -> str:
    """``count`` days of ``unit_name`` in ``lang``: 5 个工作日, 5 working days."""
    name = unit(unit_name, lang)
    if lang is Lang.EN and count == 1:
        name = name.removesuffix("s")
    return DAYS.format(lang, days=count, unit=name)
