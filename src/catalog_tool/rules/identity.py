"""Identity (C): codes, paths and regions that tie an item to its place in the catalog."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from catalog_tool.diagnostics import Finding, Ref, Severity
from catalog_tool.domain import uscc
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.rules.base import CatalogRule, ItemRule, LoaderRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex
    from catalog_tool.engine.context import CatalogContext, ItemContext
    from catalog_tool.model.item import Item


@register
class BadBasicCode(LoaderRule):
    code = "C001"
    name = "identity.bad-basic-code"
    severity = Severity.ERROR
    summary = T("基本编码格式错误", "Bad 基本编码")
    messages = {
        "default": Message(
            T("基本编码“{value}”不是 12 位数字", "基本编码 '{value}' is not 12 digits"),
            T(
                '写成带引号的 12 位数字,如 "000101001000";最后 3 位为子项号,无子项为 000。',
                'Write 12 quoted digits, e.g. "000101001000"; the last 3 are the sub-item.',
            ),
        )
    }
    doc = RuleDoc(
        what=T("基本编码不是 12 位数字。", "The 基本编码 is not 12 digits."),
        why=T(
            "基本编码是四级四同比对的钥匙:编码错了,上下级事项就对不上。",
            "The code is the key of 四级四同: a wrong code breaks the link to upstream.",
        ),
        source=T("国家政务服务平台事项编码规则。", "The national platform's coding rules."),
        bad='code: "00010100100"\n',
        good='code: "000101001000"\n',
    )


@register
class PathMismatch(ItemRule):
    code = "C002"
    name = "identity.path-mismatch"
    severity = Severity.ERROR
    national = True
    summary = T("文件路径与区划/编码不符", "File path does not match region/code")
    messages = {
        "default": Message(
            T(
                "文件路径“{path}”与区划和编码不符,应为“{expected}”",
                "path '{path}' should be '{expected}'",
            ),
            T(
                "把文件移到 {expected},或改正 region/code。",
                "Move the file to {expected}, or fix region/code.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "事项文件须位于 <区划代码>/<基本编码>.yaml。",
            "An item file must be at <region>/<code>.yaml.",
        ),
        why=T(
            "路径就是索引:工具、评审和 git 历史都按路径找事项。",
            "The path is the index: tools, reviewers and git history find items by it.",
        ),
        source=T("本工具的文件格式 v1。", "This tool's format v1."),
        bad='# 文件 370811/spxk.yaml\ncode: "000101001000"\nregion: "370811"\n',
        good='# 文件 370811/000101001000.yaml\ncode: "000101001000"\nregion: "370811"\n',
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        expected = f"{item.region}/{item.code}.yaml"
        if ctx.file != expected:
            pointer = "/region" if ctx.folder != item.region else "/code"
            yield self.finding(pointer, path=ctx.file, expected=expected)


@register
class DuplicateItem(CatalogRule):
    code = "C003"
    name = "identity.duplicate-item"
    severity = Severity.ERROR
    summary = T("重复的事项", "Duplicate item")
    messages = {
        "default": Message(
            T(
                "区划 {where} 中基本编码 {code} 重复,另见 {other}",
                "region {where} has code {code} twice; see {other}",
            ),
            T("一个区划中每个基本编码只能有一个文件;合并或删除其一。", "Keep one file per code."),
        )
    }
    doc = RuleDoc(
        what=T(
            "同一区划中两个文件声明了相同的基本编码。",
            "Two files of one region declare the same code.",
        ),
        why=T(
            "同一事项出现两次,群众看到两份不同的指南。",
            "The same item twice means two different guides for one service.",
        ),
        source=T(
            "国发〔2022〕5号:事项实施清单唯一。", "State Council 〔2022〕5: one entry per item."
        ),
        bad='# 370811/000101001000.yaml 与 370811/食品经营许可.yaml\ncode: "000101001000"\n',
        good='# 只有 370811/000101001000.yaml\ncode: "000101001000"\n',
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for group in index.duplicates():
            first = group[0]
            for other in group[1:]:
                yield self.finding(
                    "/code",
                    file=other.file,
                    where=other.region,
                    code=other.code,
                    other=Ref(first.file, "/code"),
                )


@register
class UnknownRegion(ItemRule):
    code = "C004"
    name = "identity.unknown-region"
    severity = Severity.ERROR
    national = True
    summary = T("区划不在 regions.yaml 中", "Unknown region")
    messages = {
        "default": Message(
            T("区划 {where} 不在 regions.yaml 中", "region {where} is not in regions.yaml"),
            T(
                '在 regions.yaml 中添加 - {{code: "{where}", name: …, parent: …}}。',
                'Add - {{code: "{where}", name: …, parent: …}} to regions.yaml.',
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "事项所在区划没有列在 regions.yaml 中。", "The item's region is not in regions.yaml."
        ),
        why=T(
            "不知道上级区划,就无法做四级四同比对。",
            "Without the parent region, 四级四同 cannot be checked.",
        ),
        source=T("GB/T 2260 行政区划代码。", "GB/T 2260 region codes."),
        bad='# regions.yaml 中没有 370899\nregion: "370899"\n',
        good='# regions.yaml: - {code: "370811", name: 任城区, parent: "370800"}\n'
        'region: "370811"\n',
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.region not in ctx.regions:
            yield self.finding("/region", where=item.region)


@register
class SyncNotFromUpstream(ItemRule):
    code = "C008"
    name = "identity.sync-not-from-upstream"
    severity = Severity.ERROR
    national = True
    summary = T("同步来源不是上级区划", "Synced from a region that is not upstream")
    messages = {
        "default": Message(
            T(
                "synced_from 记录的区划 {source} 不是 {item_region} 的上级区划",
                "synced_from names {source}, which is not upstream of {item_region}",
            ),
            T(
                "synced_from 由 catalog merge 维护:删去这一项,再运行 catalog merge 重新记录。",
                "catalog merge maintains synced_from: delete it and run catalog merge again.",
            ),
        ),
        "national": Message(
            T(
                "国家基本目录的事项没有上级,不应有 synced_from(记录的是 {source})",
                "an item of the national catalog has no upstream and no synced_from (it names "
                "{source})",
            ),
            T("删去 synced_from。", "Delete synced_from."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "synced_from 记录的同步来源区划不是事项所在区划的上级(国家基本目录的事项不应有 synced_from)。",
            "synced_from names a region that is not upstream of the item's region (items of "
            "the national catalog have none).",
        ),
        why=T(
            "catalog merge 按这个区划找上次同步的版本做三方合并;记错了,合并就会拿错基准,"
            "把上级的修改当成本级的,或反过来。这通常来自手工编辑或从别处复制的表格。",
            "catalog merge finds the base of its three-way merge in that region; a wrong one "
            "makes it take upstream changes for local ones, or the reverse.",
        ),
        source=T("四级四同:下级事项与上级事项保持一致。", "四级四同: items follow their upstream."),
        bad='region: "370811"\n# 370826 是同级的微山县,不是任城区的上级\n'
        'synced_from: {region: "370826", hash: 0123456789abcdef}\n',
        good='region: "370811"\nsynced_from: {region: "370800", hash: 0123456789abcdef}\n',
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        synced = item.synced_from
        if synced is None or item.region not in ctx.regions:
            return  # C004 speaks of an unknown region
        if item.region == NATIONAL_REGION:
            yield self.finding("/synced_from/region", "national", source=synced.region)
        elif synced.region not in ctx.regions.upstream(item.region):
            yield self.finding("/synced_from/region", source=synced.region, item_region=item.region)


@register
class BadCreditCode(ItemRule):
    code = "C005"
    name = "identity.bad-credit-code"
    severity = Severity.ERROR
    summary = T("统一社会信用代码错误", "Bad 统一社会信用代码")
    messages = {
        "default": Message(
            T(
                "统一社会信用代码“{value}”校验位错误,应为“{expected}”",
                "统一社会信用代码 '{value}' has a wrong check character; expected '{expected}'",
            ),
            T("核对证书上的代码;通常是抄错了一位。", "Copy the code again from the certificate."),
        ),
        "format": Message(
            T(
                "统一社会信用代码“{value}”格式错误:应为 18 位,不含 I、O、S、V、Z",
                "统一社会信用代码 '{value}' is malformed: 18 characters without I, O, S, V, Z",
            ),
            T("核对证书上的代码。", "Copy the code again from the certificate."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "实施主体编码不是有效的统一社会信用代码:长度、字符集或第 18 位校验码不对。",
            "The agency's credit code is not a valid 统一社会信用代码: length, alphabet or "
            "check character.",
        ),
        why=T(
            "实施编码由信用代码组成,错一位,事项就挂到了不存在的机关名下。",
            "The 实施编码 embeds this code: one wrong character attaches the item to no one.",
        ),
        source=T("GB 32100-2015《法人和其他组织统一社会信用代码编码规则》。", "GB 32100-2015."),
        bad="agency:\n  credit_code: 11370811MB2850128X\n",
        good="agency:\n  credit_code: 11370811MB28501284\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.agency is None:
            return
        value = item.agency.credit_code
        if uscc.problem(value) == "checksum":
            yield self.finding(
                "/agency/credit_code",
                value=value,
                expected=value[:17] + uscc.check_character(value[:17]),
            )


@register
class ImplementationCodeMismatch(ItemRule):
    code = "C006"
    name = "identity.impl-code-mismatch"
    severity = Severity.ERROR
    summary = T("实施编码不一致", "实施编码 inconsistent")
    messages = {
        "default": Message(
            T("实施编码“{value}”应为“{expected}”", "实施编码 '{value}' should be '{expected}'"),
            T(
                "实施编码 = 实施主体信用代码(18位)+ 行使层级(1位)+ 基本编码(12位)。",
                "实施编码 = credit code (18) + level digit (1) + 基本编码 (12).",
            ),
        ),
        "format": Message(
            T("实施编码“{value}”不是 31 位", "实施编码 '{value}' is not 31 characters"),
            T(
                "实施编码 = 实施主体信用代码(18位)+ 行使层级(1位)+ 基本编码(12位)。",
                "实施编码 = credit code (18) + level digit (1) + 基本编码 (12).",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "实施编码与实施主体信用代码、行使层级和基本编码不一致。",
            "The 实施编码 disagrees with the agency code, the level and the 基本编码.",
        ),
        why=T(
            "实施编码是跨平台对接的主键,拼错会让事项在省级平台上“消失”。",
            "The 实施编码 is the key for data exchange between platforms.",
        ),
        source=T("国家政务服务平台事项编码规则。", "The national platform's coding rules."),
        bad='impl_code: "11370811MB28501284300010100100"\n',
        good='impl_code: "11370811MB28501284400010100100"\n',
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.impl_code is None or item.agency is None:
            return
        level = ctx.regions.level(item.region)
        expected = f"{item.agency.credit_code}{level.number}{item.code}"
        if item.impl_code != expected:
            yield self.finding("/impl_code", value=item.impl_code, expected=expected)


@register
class RegionsFileProblem(LoaderRule):
    code = "C007"
    name = "identity.regions-file"
    severity = Severity.ERROR
    summary = T("regions.yaml 结构错误", "Inconsistent regions.yaml")
    messages = {
        "default": Message(
            T(
                "区划 {code} 的上级 {parent} 不在 regions.yaml 中",
                "parent {parent} of {code} is not listed",
            ),
            T("添加上级区划,或改正 parent。", "Add the parent region or fix parent."),
        ),
        "duplicate": Message(
            T("区划 {code} 重复,第 {first} 行已有", "region {code} repeats line {first}"),
            T("删除重复的一行。", "Delete the repeated entry."),
        ),
        "cycle": Message(
            T(
                "区划 {code} 的上级链形成了循环(经过 {parent})",
                "the parents of {code} form a cycle (via {parent})",
            ),
            T("每个区划的上级链必须终止于 000000。", "Every chain of parents must end at 000000."),
        ),
        "no_parent": Message(
            T("区划 {code} 没有上级", "region {code} has no parent"),
            T("除 000000 外,每个区划都要写 parent。", "Every region but 000000 needs a parent."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "regions.yaml 中的区划重复、上级不存在、缺少上级或上级链成环。",
            "regions.yaml repeats a region, names an unknown parent, lacks a parent, or "
            "has a cycle of parents.",
        ),
        why=T(
            "上级链决定每个事项与谁比对;链断了,四级四同就无从检查。",
            "The chain of parents decides what each item is compared with.",
        ),
        source=T("GB/T 2260 行政区划代码。", "GB/T 2260 region codes."),
        bad='- {code: "370800", name: 济宁市, parent: "379900"}\n',
        good='- {code: "370800", name: 济宁市, parent: "370000"}\n',
    )
