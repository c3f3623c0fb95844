"""The baseline file's shape (``catalog-baseline.json``), so that its schema is generated."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BASELINE_VERSION = 1


class BaselineEntryOut(BaseModel):
    """One recorded finding."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(title="文件", description="相对于目录根的文件路径,用 / 分隔。")
    rule: str = Field(pattern=r"^[A-Z]\d{3}$", title="规则编码", description="如 M001。")
    pointer: str = Field(title="JSON 指针", description="问题在文件中的位置。")
    message: str = Field(
        title="问题",
        description="记录时的中文问题描述;比较时忽略其中引用的行号。",
    )


class BaselineOut(BaseModel):
    """Findings recorded by ``catalog baseline write``; ``validate`` hides them."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = Field(title="基线格式版本", description="格式变化时递增。")
    entries: list[BaselineEntryOut] = Field(
        title="已记录的问题", description="按文件、规则、位置排序。"
    )
