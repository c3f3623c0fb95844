"""The Chinese notes of ``catalog.toml``: one per setting and per rule option.

The model descriptions are English (they serve ``catalog explain`` and the schemas); a
catalog office reads its config in Chinese, so each setting gets its note here. A test
fails when a setting or rule option has no note, so a new option cannot slip into the
generated file with an English comment.
"""

from __future__ import annotations

from catalog_tool.engine.baseline import DEFAULT_BASELINE

CONFIG_NOTES: dict[str, str] = {
    "root": "目录根文件夹(含 regions.yaml 的文件夹),相对于本文件。本文件就在目录根中时不必设置。",
    "select": (
        "要运行的规则:规则代码(M001)、前缀(M、F00)或点分名称(materials.no-legal-basis);"
        "默认运行全部默认开启的规则。"
    ),
    "ignore": '不运行的规则,写法同 select,例如 ["N002", "M004"]。',
    "fail_level": "发现达到这一严重程度时退出码为 1:error(错误)、warning(警告)或 info(提示)。",
    "lang": "消息语言:zh(中文)或 en(英文);命令行的 --lang 优先。",
    "severity": "按规则代码或前缀改变严重程度:error、warning 或 info;最长的前缀优先。",
    "per_file_ignores": "对路径(相对于目录根,可用通配符)匹配的文件不运行的规则。",
    "per_level_ignores": (
        "对某一层级的事项不运行的规则;层级写 省级、市级、县级……(须加引号)"
        "或 province、city、county。"
    ),
    "rules": "各规则的选项见下方 [rules.规则代码] 各节;catalog explain 规则代码 显示规则的说明。",
    "laws": (
        "本目录自己的法律库(地方性法规、规章、规范性文件),相对于本文件;"
        "默认使用目录根中的 laws.yaml(若有)。格式见 schemas/laws.schema.json。"
    ),
    "jobs": "并行检查的进程数;默认为 CPU 核数。",
    "cache": "是否使用 .catalog_cache/ 中的结果缓存(未改动的文件不再重复检查)。",
    "baseline": (
        "catalog baseline write 记录的既有问题,相对于本文件;"
        "设置后 validate 只报告新出现的问题,并列出已经解决、可以删去的记录。"
    ),
    "diff_ignore": '比较目录(catalog diff)时忽略其变化的字段,例如 ["venue.phone"]。',
}
"""A Chinese note for every field of :class:`catalog_tool.config.Config`."""

CONFIG_EXAMPLES: dict[str, object] = {
    "root": ".",
    "select": ["ALL"],
    "laws": "laws.yaml",
    "jobs": 2,
    "baseline": DEFAULT_BASELINE,
    "severity": {"M002": "error"},
    "per_file_ignores": {"370826/*.yaml": ["O001"]},
    "per_level_ignores": {"县级": ["O002"]},
}
"""Values shown (commented out) for settings that have no default value to write."""

OPTION_NOTES: dict[tuple[str, str], str] = {
    ("F003", "allow_local_additions"): (
        "允许下级在上级的设定依据之后补充本地的地方性法规、地方政府规章。"
    ),
    ("L002", "check_rules"): (
        "也报告法律库中没有的规章等;默认只报告法律和行政法规(内置法律库收录齐全的两类)。"
    ),
    ("M002", "phrases"): "申请材料名称中的兜底性用语(下面是默认值)。",
    ("M002", "condition_phrases"): "受理条件中的兜底性用语(下面是默认值)。",
    ("M003", "names"): (
        "政府部门核发的证照、批文等:要求申请人提交即报告,应通过数据共享获取(下面是默认值)。"
    ),
    ("N002", "threshold"): "同一区划内两个事项名称的相似度(0–1)达到该值即视为近似重复。",
    ("O001", "max_visits"): "到办事现场次数的上限(最多跑一次为 1)。",
    ("O002", "targets"): "各层级网上可办率的最低目标(江苏 2018:省级 90%,市县 80%)。",
    ("T002", "ratio"): "承诺时限与法定时限之比的上限,例如 0.35(厦门:压缩到法定时限的 35% 以内)。",
}
"""A Chinese note for every option of every rule."""

OPTION_EXAMPLES: dict[tuple[str, str], object] = {
    ("T002", "ratio"): 0.35,
}
"""Values shown (commented out) for rule options whose default is "not set"."""
