"""A rule's documentation as text: what ``catalog explain`` prints and docs/ holds."""

from __future__ import annotations

import json

from catalog_tool.rules.base import Rule
from catalog_tool.text import Lang

_HEAD = {
    Lang.ZH: (
        "作用",
        "为什么",
        "依据",
        "错误示例",
        "正确示例",
        "选项",
        "默认严重程度",
        "默认关闭,配置后启用",
    ),
    Lang.EN: (
        "What it does",
        "Why",
        "Source",
        "Bad",
        "Good",
        "Options",
        "Default severity",
        "Off until configured",
    ),
}


def explain_text(rule: type[Rule], lang: Lang) -> str:
    """The Markdown doc of ``rule`` in ``lang``."""
    what, why, source, bad, good, options, severity, off = _HEAD[lang]
    doc = rule.doc
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        rule.summary.get(lang),
        "",
        f"{severity}: {rule.severity.value}" + ("" if rule.default_enabled else f" ({off})"),
        "",
        f"## {what}",
        "",
        doc.what.get(lang),
        "",
        f"## {why}",
        "",
        doc.why.get(lang),
        "",
        f"## {source}",
        "",
        doc.source.get(lang),
        "",
        f"## {bad}",
        "",
        "```yaml",
        doc.bad.rstrip("\n"),
        "```",
        "",
        f"## {good}",
        "",
        "```yaml",
        doc.good.rstrip("\n"),
        "```",
    ]
    fields = rule.Options.model_fields
    if fields:
        lines += ["", f"## {options}", ""]
        defaults = rule.Options().model_dump(mode="json")
        for name, info in fields.items():
            default = json.dumps(defaults.get(name), ensure_ascii=False)
            lines.append(f"- `{name}` (= {default}): {info.description or ''}")
    return "\n".join(lines) + "\n"
