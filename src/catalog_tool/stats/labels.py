"""The words of the statistics, in Chinese and English."""

from __future__ import annotations

from catalog_tool.text import Text

TITLE = Text("事项目录统计", "Catalog statistics")
SCOPE_ALL = Text("全部目录", "whole catalog")
SCOPE_REGION = Text("{name}（{code}）及下级区划", "{name} ({code}) and the regions below it")
SUMMARY = Text(
    "事项 {items} 项（事项文件 {files} 个，未计入 {skipped} 个）；依申请事项 {applications} 项",
    "{items} items ({files} item files, {skipped} not counted); {applications} application items",
)
ITEMS = Text("事项", "Items")
BY_TYPE = Text("按事项类型（在用）", "By type (in use)")
BY_LEVEL = Text("按层级（在用）", "By level (in use)")
BY_TYPE_LEVEL = Text("按类型和层级（在用）", "By type and level (in use)")
BY_STATUS = Text("按状态", "By status")
TYPE = Text("事项类型", "Type")
LEVEL = Text("层级", "Level")
REGION = Text("区划", "Region")
REGION_CODE = Text("区划代码", "Region code")
COUNT = Text("数量", "Count")
ONLINE = Text("网上可办率", "Online rate")
ONLINE_BY_LEVEL = Text(
    "网上可办率（依申请事项，按层级）", "Online rate (application items, by level)"
)
ONLINE_CHART = Text("各层级网上可办率与目标", "Online rate per level against target")
TARGET = Text("目标", "Target")
ONLINE_ITEMS = Text("网上可办事项", "Online items")
APPLICATIONS = Text("依申请事项", "Application items")
STATE = Text("是否达标", "Met")
MET = Text("达标", "met")
NOT_MET = Text("未达标", "below target")
NO_TARGET = Text("无目标", "no target")
IMMEDIATE = Text("即办件占比", "Settled on the spot (即办件)")
RATIO = Text("平均承诺时限/法定时限", "Average promised / statutory time")
RATIO_NOTE = Text("{n} 项事项", "over {n} items")
VISITS = Text("到现场次数分布", "Visits to the service hall")
VISITS_N = Text("{visits} 次", "{visits} visits")
AT_MOST_ONCE = Text("最多跑一次", "At most one visit (最多跑一次)")
ZERO_VISITS = Text("零跑腿", "No visit (零跑腿)")
FINDINGS = Text("问题（按规则族和区划）", "Findings by rule family and region")
TOTAL = Text("合计", "Total")
COMPLIANCE = Text("合规率", "Compliance")
FINDINGS_COUNT = Text("问题数", "Findings")
NO_FINDINGS = Text("检查没有发现问题。", "The checks found no problems.")
COMPLIANCE_CHART = Text(
    "各区划合规率（无错误的事项文件占比）", "Compliance per region (item files without errors)"
)
TYPES_CHART = Text("各类型事项数", "Items per type")
FILES = Text("事项文件", "Item files")
SKIPPED = Text(
    "未计入的文件(格式错误、文件名或所在区划不对,见检查结果)",
    "Files not counted (not valid, misnamed, or in a region missing from regions.yaml)",
)
NOT_VALIDATED = Text("未运行检查", "not checked")
NONE = Text("—", "—")
BACK = Text("返回办事指南", "Back to the guides")
GENERATED_BY = Text(
    "由 catalog-tool 根据事项目录生成", "Generated from the catalog by catalog-tool"
)
