"""The JSON report's shape, as models, so that its schema is generated and versioned."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from catalog_tool.model.baseline import BaselineEntryOut


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolInfo(_Out):
    """The program that wrote the report."""

    name: str = Field(title="工具名称", description="catalog-tool。")
    version: str = Field(title="工具版本", description="写出报告的版本。")


class Summary(_Out):
    """Counts."""

    files: int = Field(ge=0, title="文件数", description="检查的文件数。")
    items: int = Field(ge=0, title="事项数", description="能读出的事项数。")
    errors: int = Field(ge=0, title="错误数", description="严重程度为 error 的问题数。")
    warnings: int = Field(ge=0, title="警告数", description="严重程度为 warning 的问题数。")
    infos: int = Field(ge=0, title="提示数", description="严重程度为 info 的问题数。")


class RelatedLocation(_Out):
    """Another place a message names."""

    file: str = Field(title="文件", description="另一处的文件路径。")
    line: int = Field(ge=1, title="行", description="从 1 开始的行号。")
    column: int = Field(ge=1, title="列", description="从 1 开始的列号。")
    pointer: str = Field(title="JSON 指针", description="文件内的位置。")


class DiagnosticOut(_Out):
    """One problem."""

    rule: str = Field(pattern=r"^[A-Z]\d{3}$", title="规则编码", description="如 M001。")
    severity: Literal["error", "warning", "info"] = Field(
        title="严重程度", description="error、warning 或 info。"
    )
    message: str = Field(title="问题", description="问题描述,引用了出错的值。")
    hint: str | None = Field(default=None, title="修改建议", description="如何修改。")
    file: str | None = Field(title="文件", description="相对于当前目录的文件路径。")
    line: int | None = Field(default=None, ge=1, title="行", description="从 1 开始的行号。")
    column: int | None = Field(default=None, ge=1, title="列", description="从 1 开始的列号。")
    pointer: str | None = Field(default=None, title="JSON 指针", description="文件内的位置。")
    region: str | None = Field(default=None, title="区划代码", description="事项所在区划。")
    code: str | None = Field(default=None, title="基本编码", description="事项的基本编码。")
    sheet: str | None = Field(default=None, title="工作表", description="电子表格中的工作表。")
    cell: str | None = Field(default=None, title="单元格", description="如 事项!C12。")
    related: list[RelatedLocation] | None = Field(
        default=None, title="相关位置", description="消息中提到的其他位置。"
    )


class BaselineUse(_Out):
    """What the baseline did in this run."""

    file: str = Field(title="基线文件", description="所用的基线文件。")
    hidden: int = Field(ge=0, title="隐藏数", description="因记录在基线中而未报告的问题数。")
    stale: list[BaselineEntryOut] = Field(
        title="过时条目",
        description="基线中已不再出现的问题(只看本次检查的文件),可用 catalog baseline prune 删去。",
    )


class ReportOut(_Out):
    """The report of ``catalog validate --format json``."""

    version: Literal[1] = Field(title="报告格式版本", description="格式变化时递增。")
    tool: ToolInfo = Field(title="工具", description="写出报告的工具。")
    lang: Literal["zh", "en"] = Field(title="语言", description="消息的语言。")
    root: str = Field(title="目录根", description="被检查的目录根。")
    summary: Summary = Field(title="汇总", description="各类数量。")
    diagnostics: list[DiagnosticOut] = Field(
        title="问题列表", description="按文件、行、列、规则排序。"
    )
    baseline: BaselineUse | None = Field(
        default=None,
        title="基线",
        description="使用基线时出现:隐藏的问题数和过时的条目。",
    )
