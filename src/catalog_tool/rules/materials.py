"""Materials (M001–M006): every material demanded has a legal basis and a reason to exist."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from catalog_tool.diagnostics import Finding, Ref, Severity
from catalog_tool.domain.materials import (
    CATCH_ALL_CONDITIONS,
    CATCH_ALL_MATERIALS,
    GOVERNMENT_DOCUMENTS,
    PhraseMatcher,
    infer_kind,
)
from catalog_tool.domain.normalize import form_key
from catalog_tool.legal.citation import cached_parse
from catalog_tool.legal.levels import citation_level
from catalog_tool.legal.registry import LawLevel
from catalog_tool.model.enums import MaterialKind, MaterialSource
from catalog_tool.rules.base import ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.engine.context import ItemContext
    from catalog_tool.model.item import Item, Material


def kind_of(material: Material) -> MaterialKind:
    """The material's kind as written, or as its name suggests."""
    return material.kind if material.kind is not None else infer_kind(material.name)


@register
class MaterialWithoutBasis(ItemRule):
    code = "M001"
    name = "materials.no-legal-basis"
    severity = Severity.ERROR
    summary = T("申请材料没有法律依据", "Material without legal basis")
    messages = {
        "default": Message(
            T('申请材料"{value}"没有填写要求提供的依据', 'material "{value}" has no legal basis'),
            T(
                "在 basis 中写明要求提供该材料的法律条款;找不到依据的材料应当取消。",
                "Cite the provision that requires it in basis; without one, remove the material.",
            ),
        )
    }
    doc = RuleDoc(
        what=T("申请材料的 basis(要求提供材料的依据)为空。", "A material has an empty basis."),
        why=T(
            "没有法律依据的材料,就是让群众多跑腿的“奇葩证明”;清理材料从逐项列明依据开始。",
            "A material without a legal basis is an arbitrary demand; cutting them starts with "
            "listing the basis of each.",
        ),
        source=T(
            "《中华人民共和国行政许可法》第三十一条:不得要求申请人提交与其申请的行政许可事项无关的材料;"
            "国办发〔2018〕47号 清理证明事项。",
            "行政许可法 art. 31; 国办发〔2018〕47号 on clearing proofs.",
        ),
        bad="materials:\n  - name: 经营场所使用证明\n    basis: []\n",
        good="materials:\n  - name: 经营场所使用证明\n    basis: [《中华人民共和国食品安全法》第三十三条第一款第（一）项]\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, material in enumerate(item.materials or ()):
            if not material.basis:
                yield self.finding(f"/materials/{i}", value=material.name)


class CatchAllOptions(BaseModel):
    """Options of M002."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    phrases: list[str] = Field(
        default_factory=lambda: list(CATCH_ALL_MATERIALS),
        description="Catch-all phrases in material names.",
    )
    condition_phrases: list[str] = Field(
        default_factory=lambda: list(CATCH_ALL_CONDITIONS),
        description="Catch-all phrases in acceptance conditions.",
    )


@register
class CatchAllClause(ItemRule):
    code = "M002"
    name = "materials.catch-all"
    severity = Severity.WARNING
    summary = T("兜底性材料或条件", "Catch-all clause")
    Options = CatchAllOptions
    messages = {
        "default": Message(
            T(
                '申请材料"{value}"是兜底性条款(含"{phrase}")',
                'material "{value}" is a catch-all ("{phrase}")',
            ),
            T(
                "删除兜底条款,把确需的材料逐项列明并写明依据。",
                "Remove it; list each needed material with its basis.",
            ),
        ),
        "condition": Message(
            T(
                '受理条件"{value}"是兜底性条款(含"{phrase}")',
                'condition "{value}" is a catch-all ("{phrase}")',
            ),
            T("删除兜底条款,把确需的条件逐项列明。", "Remove it; list each needed condition."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "申请材料或受理条件含“其他材料”“相关材料”“有关部门要求的其他材料”等兜底性表述"
            "(短语表可在 rules.M002.phrases 中配置)。",
            "A material or condition contains a catch-all phrase such as 其他材料 or 相关材料 "
            "(configurable in rules.M002.phrases).",
        ),
        why=T(
            "兜底条款让窗口可以随意加要求,群众无法事先备齐材料。",
            "A catch-all lets the counter demand anything; applicants cannot prepare.",
        ),
        source=T(
            "国办发〔2018〕47号 及各地清理兜底性条款的做法;《优化营商环境条例》第三十五条。",
            "国办发〔2018〕47号 and local practice; 优化营商环境条例 art. 35.",
        ),
        bad="materials:\n  - name: 其他需要提供的材料\n",
        good="# 删除,或逐项写明确需的材料及依据\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        assert isinstance(self.options, CatchAllOptions)
        self._materials = PhraseMatcher(self.options.phrases)
        self._conditions = PhraseMatcher(self.options.condition_phrases)

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, material in enumerate(item.materials or ()):
            phrase = self._materials(material.name)
            if phrase is not None:
                yield self.finding(f"/materials/{i}", value=material.name, phrase=phrase)
        for i, condition in enumerate(item.conditions or ()):
            phrase = self._conditions(condition)
            if phrase is not None:
                yield self.finding(f"/conditions/{i}", "condition", value=condition, phrase=phrase)


class GovernmentDocumentOptions(BaseModel):
    """Options of M003."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str] = Field(
        default_factory=lambda: list(GOVERNMENT_DOCUMENTS),
        description="Names of documents that government agencies issue.",
    )


_EXEMPT = ("免提交", "免于提交", "无需提交", "不需提交", "数据共享")


@register
class GovernmentIssuedDocument(ItemRule):
    code = "M003"
    name = "materials.government-issued"
    severity = Severity.ERROR
    summary = T("要求申请人提交政府部门核发的材料", "Government-issued document demanded")
    Options = GovernmentDocumentOptions
    messages = {
        "default": Message(
            T(
                '申请材料"{value}"由政府部门核发,不应要求申请人提交',
                'material "{value}" is issued by a government agency',
            ),
            T(
                "通过数据共享或电子证照获取,从材料清单中删除,或注明“免提交”。",
                "Obtain it by data sharing or e-licence; remove it or mark it 免提交.",
            ),
        ),
        "by_name": Message(
            T(
                '申请材料"{value}"是政府部门核发的{document},不应要求申请人提交',
                'material "{value}" is a government-issued {document}',
            ),
            T(
                "通过数据共享或电子证照获取,从材料清单中删除,或注明“免提交”。",
                "Obtain it by data sharing or e-licence; remove it or mark it 免提交.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "来源渠道为“政府部门核发”的材料,或名称是营业执照、居民身份证等政府部门核发证照"
            "(来源漏填或填错时按名称识别)的材料,被列为要申请人提交的材料。名称或备注注明“免提交”的除外。",
            "A material with source 政府部门核发, or named like a government-issued document "
            "(营业执照, 居民身份证 …) when the source is missing or wrong, is demanded from "
            "the applicant. Materials marked 免提交 are exempt.",
        ),
        why=T(
            "政府自己发的证照,政府能通过数据共享查到,再让群众提交就是“让群众跑腿”。",
            "What the government issued it can look up itself.",
        ),
        source=T(
            "《国务院关于在线政务服务的若干规定》第七条:政务服务机构通过数据共享能够获得的信息,"
            "不得要求行政相对人另行提供。",
            "国务院关于在线政务服务的若干规定 art. 7: information obtainable by data sharing "
            "must not be demanded again.",
        ),
        bad="materials:\n  - name: 营业执照复印件\n    source: 申请人自备\n",
        good="# 删除:通过电子证照库核验营业执照\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        assert isinstance(self.options, GovernmentDocumentOptions)
        self._documents = PhraseMatcher(self.options.names)

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, material in enumerate(item.materials or ()):
            text = material.name + (material.notes or "")
            if any(word in text for word in _EXEMPT):
                continue
            if material.source is MaterialSource.GOVERNMENT:
                yield self.finding(f"/materials/{i}", value=material.name)
                continue
            document = self._documents(material.name)
            if document is not None:
                yield self.finding(
                    f"/materials/{i}", "by_name", value=material.name, document=document
                )


@register
class FormWithoutBlankOrSample(ItemRule):
    code = "M004"
    name = "materials.form-without-sample"
    severity = Severity.WARNING
    summary = T("申请表没有空白表格或示例样表", "Form without blank or sample")
    messages = {
        "default": Message(
            T('申请表"{value}"缺少{missing}', 'form "{value}" has no {missing}'),
            T(
                "提供 blank_form 和 sample,路径相对于目录根目录,如 forms/{value}.pdf。",
                "Add blank_form and sample, relative to the catalog root, e.g. forms/{value}.pdf.",
            ),
        ),
        "not_found": Message(
            T(
                '申请表"{value}"的{what}文件 {path} 不存在',
                'the {what} file {path} of form "{value}" does not exist',
            ),
            T(
                "把文件放到目录根目录下的该路径,或改正路径。",
                "Put the file at that path under the root, or fix the path.",
            ),
        ),
        "outside": Message(
            T(
                '申请表"{value}"的{what}文件 {path} 在目录之外',
                'the {what} file {path} of form "{value}" is outside the catalog',
            ),
            T(
                "路径相对于目录根目录,不能是绝对路径,也不能用 .. 跳出目录:"
                "把文件复制到目录的 forms/ 下,写成 {suggestion}。",
                "Use a path relative to the catalog root, neither absolute nor leading out "
                "with ..: copy the file into the catalog's forms/ folder and write {suggestion}.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "申请表、申请书类材料(kind: 申请表,或名称以申请表/申请书/登记表等结尾)没有空白表格或示例样表,"
            "或所写的文件在目录根目录下不存在,或路径是绝对路径、用 .. 跳出了目录。",
            "A form (kind 申请表, or a name ending in 申请表/申请书/登记表 …) has no blank form "
            "or sample, or the file it names does not exist under the catalog root, or its path "
            "leaves the catalog (an absolute path, or one that climbs out with ../).",
        ),
        why=T(
            "没有示范文本,群众只能到窗口现场填写,填错了再跑一趟。",
            "Without a model text applicants fill forms at the counter and come back to fix them.",
        ),
        source=T(
            "《中华人民共和国行政许可法》第三十条第一款:公示申请书示范文本;"
            "各地“一次性告知”要求为每张表格提供空白表格和示例样表。",
            "行政许可法 art. 30 (model application texts); local one-time-notice rules extend it "
            "to every form.",
        ),
        bad="materials:\n  - name: 食品经营许可申请书\n    kind: 申请表\n",
        good="materials:\n  - name: 食品经营许可申请书\n    kind: 申请表\n"
        "    blank_form: forms/食品经营许可申请书.pdf\n    sample: forms/食品经营许可申请书-示例.pdf\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, material in enumerate(item.materials or ()):
            if kind_of(material) is not MaterialKind.FORM:
                continue
            missing = [
                label
                for label, value in ((_BLANK, material.blank_form), (_SAMPLE, material.sample))
                if not value
            ]
            if missing:
                both = T("、".join(m.zh for m in missing), " and ".join(m.en for m in missing))
                yield self.finding(f"/materials/{i}", value=material.name, missing=both)
            for key, what, path in (
                ("blank_form", _BLANK, material.blank_form),
                ("sample", _SAMPLE, material.sample),
            ):
                if not path:
                    continue
                relative = _relative(path)
                if relative is not None and relative in ctx.assets:
                    continue
                params: dict[str, object] = {"value": material.name, "what": what, "path": path}
                if relative is None:  # outside the catalog: the hint says where it goes
                    params["suggestion"] = _in_forms(path)
                problem = "outside" if relative is None else "not_found"
                yield self.finding_with(f"/materials/{i}/{key}", problem, params)


_BLANK = T("空白表格", "blank form")
_SAMPLE = T("示例样表", "sample")


@lru_cache(maxsize=4096)
def _relative(path: str) -> str | None:
    """``path`` as a path relative to the catalog root, or None when it is absolute
    (``/etc/passwd``, ``C:\\forms``) or leads out of the root (``../x``)."""
    slashed = path.replace("\\", "/")
    if slashed.startswith("/") or _DRIVE.match(slashed):
        return None
    normal = posixpath.normpath(slashed)
    if normal == ".." or normal.startswith("../"):
        return None
    return normal


_DRIVE = re.compile(r"[A-Za-z]:")
"""A Windows drive letter: ``C:\\forms\\a.pdf`` is an absolute path."""


def _in_forms(path: str) -> str:
    """Where a file outside the catalog goes: ``forms/`` and its file name."""
    name = posixpath.basename(path.replace("\\", "/").rstrip("/"))
    return f"forms/{name}" if name not in ("", ".", "..") else "forms/"


@register
class DuplicateMaterial(ItemRule):
    code = "M005"
    name = "materials.duplicate"
    severity = Severity.WARNING
    summary = T("申请材料重复", "Duplicate material")
    messages = {
        "default": Message(
            T('申请材料"{value}"重复,另见 {ref}', 'material "{value}" is listed twice; see {ref}'),
            T("合并为一项,份数写在 copies 中。", "Merge them; put the number in copies."),
        )
    }
    doc = RuleDoc(
        what=T(
            "同一事项中两项申请材料的规范化名称相同。",
            "Two materials of one item have the same normalized name.",
        ),
        why=T(
            "重复列出的材料让清单虚增、群众重复准备。",
            "Listing a material twice inflates the list.",
        ),
        source=T("《政务服务事项实施清单》编制规范(GB/T 39046)。", "GB/T 39046."),
        bad="materials:\n  - name: 授权委托书\n  - name: 授权委托书 \n",
        good="materials:\n  - name: 授权委托书\n    copies: 2\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        seen: dict[str, int] = {}
        for i, material in enumerate(item.materials or ()):
            key = form_key(material.name)
            if key in seen:
                yield self.finding(
                    f"/materials/{i}",
                    value=material.name,
                    ref=Ref(ctx.file, f"/materials/{seen[key]}"),
                )
            else:
                seen[key] = i


_PROOF_MIN_RANK = LawLevel.LOCAL_REGULATION.rank


@register
class ProofWithWeakBasis(ItemRule):
    code = "M006"
    name = "materials.proof-basis-level"
    severity = Severity.ERROR
    summary = T(
        "证明材料的依据低于法律、法规、国务院决定", "Proof whose basis is below law/regulation"
    )
    messages = {
        "default": Message(
            T(
                '证明"{value}"的依据最高只是{level}({citation}),证明事项须由法律、法规或国务院决定设定',
                'proof "{value}" rests at most on a {level} ({citation}); proofs need a law, '
                "regulation or State Council decision",
            ),
            T(
                "找到设定该证明的法律、行政法规、地方性法规或国务院决定并写入 basis;找不到的,取消该证明。",
                "Cite the law, regulation or State Council decision that requires it, or drop it.",
            ),
        ),
        "unknown": Message(
            T(
                '证明"{value}"的依据 {citation} 无法判断效力层级',
                'the level of the basis {citation} of proof "{value}" cannot be told',
            ),
            T(
                "把该法规加入目录自己的法律库(laws.yaml),或写出完整的法规名称。",
                "Add the law to the catalog's registry (laws.yaml) or write its full title.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "种类为“证明”的材料(kind: 证明,或名称以证明/证明书等结尾),其依据中没有一条是法律、"
            "行政法规、地方性法规或国务院决定。层级先查法律库(随附国家法律法规库及目录自己的 laws.yaml),"
            "法律库没有的再按名称判断(…法、…条例、国务院…决定;…办法、…规定视为规章),并在消息中说明。",
            "A material of kind 证明 (or named …证明) has no basis in a 法律, 行政法规, 地方性法规 "
            "or 国务院决定. The level comes from the law registry (bundled plus the catalog's "
            "laws.yaml); for laws it lacks, from the title's wording.",
        ),
        why=T(
            "规章和规范性文件设定的证明已被要求一律取消;地方自行设定的证明也要取消,地方性法规设定的除外。",
            "Proofs set by rules or normative documents have been abolished; so have locally "
            "invented ones, except those set by local regulations.",
        ),
        source=T(
            "《优化营商环境条例》第四十四条;国办发〔2018〕47号《关于做好证明事项清理工作的通知》。",
            "优化营商环境条例 art. 44; 国办发〔2018〕47号.",
        ),
        bad="materials:\n  - name: 无犯罪记录证明\n    kind: 证明\n    basis: [《食品经营许可管理办法》第十二条]\n",
        good="materials:\n  - name: 终止或者解除劳动关系的证明\n    kind: 证明\n"
        "    basis: [《中华人民共和国社会保险法》第五十条第二款]\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, material in enumerate(item.materials or ()):
            if kind_of(material) is not MaterialKind.PROOF or not material.basis:
                continue
            best: tuple[int, LawLevel | None, str] = (-1, None, "")
            for text in material.basis:
                for citation in cached_parse(text).citations:
                    level, _known = citation_level(citation, ctx.laws)
                    rank = level.rank if level is not None else 0
                    if rank > best[0]:
                        best = (rank, level, citation.raw)
            if best[0] >= _PROOF_MIN_RANK:
                continue
            if best[1] is None:
                yield self.finding(
                    f"/materials/{i}",
                    "unknown",
                    value=material.name,
                    citation="、".join(material.basis),
                )
            else:
                yield self.finding(
                    f"/materials/{i}", value=material.name, level=best[1].value, citation=best[2]
                )
