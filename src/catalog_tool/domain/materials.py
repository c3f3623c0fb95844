"""Facts about application materials: what kind a material is, from its name."""

from __future__ import annotations

import re
from functools import lru_cache

from catalog_tool.domain.normalize import form_key
from catalog_tool.model.enums import MaterialKind

FORM_ENDINGS = ("申请表", "申请书", "登记表", "申报表", "审批表", "备案表", "信息表", "申请单")
PROOF_ENDINGS = ("证明", "证明书", "证明材料", "证明文件")

GOVERNMENT_DOCUMENTS = (
    "营业执照",
    "居民身份证",
    "身份证",
    "户口簿",
    "户口本",
    "结婚证",
    "离婚证",
    "不动产权证书",
    "不动产登记证明",
    "房屋所有权证",
    "房产证",
    "土地使用权证",
    "组织机构代码证",
    "税务登记证",
    "社会保障卡",
    "机动车驾驶证",
    "机动车行驶证",
    "残疾人证",
    "事业单位法人证书",
    "社会团体法人登记证书",
)
"""Documents a government agency issues: demanding them is M003 (they are data-shared)."""

CATCH_ALL_MATERIALS = (
    "其他材料",
    "相关材料",
    "其他相关材料",
    "其他有关材料",
    "其他证明材料",
    "其他必要材料",
    "其他需要提供的材料",
    "其他需要的材料",
    "有关部门要求的其他材料",
    "审批机关要求的其他材料",
    "法律法规规定的其他材料",
    "规定的其他材料",
    "要求提交的其他材料",
)
CATCH_ALL_CONDITIONS = (
    "其他条件",
    "法律法规规定的其他条件",
    "规定的其他条件",
    "其他应当具备的条件",
)


@lru_cache(maxsize=65536)
def infer_kind(name: str) -> MaterialKind:
    """The kind a material's name suggests."""
    # A trailing note such as "（一式两份）" does not change what the material is.
    core = re.sub(r"\([^()]*\)$", "", form_key(name))
    if core.endswith(FORM_ENDINGS):
        return MaterialKind.FORM
    if core.endswith(PROOF_ENDINGS):
        return MaterialKind.PROOF
    if any(word in core for word in GOVERNMENT_DOCUMENTS) or core.endswith(("许可证", "执照")):
        return MaterialKind.LICENCE
    return MaterialKind.OTHER


class PhraseMatcher:
    """Finds which of a fixed list of phrases a text contains, ignoring form."""

    _MEMO_LIMIT = 65536

    def __init__(self, phrases: tuple[str, ...] | list[str]) -> None:
        self._keys = tuple((phrase, form_key(phrase)) for phrase in phrases)
        self._memo: dict[str, str | None] = {}

    def __call__(self, text: str) -> str | None:
        # The same material names and conditions recur in every region: match each once.
        if text in self._memo:
            return self._memo[text]
        key = form_key(text)
        found = next((phrase for phrase, k in self._keys if k in key), None)
        if len(self._memo) >= self._MEMO_LIMIT:
            self._memo.clear()
        self._memo[text] = found
        return found


def matching_phrase(text: str, phrases: tuple[str, ...] | list[str]) -> str | None:
    """The first phrase that ``text`` contains, ignoring form."""
    return PhraseMatcher(phrases)(text)
