"""Read ``regions.yaml`` into a :class:`RegionTree`, with findings for what is wrong in it."""

from __future__ import annotations

from pathlib import Path

from catalog_tool.catalog.layout import REGIONS_FILE
from catalog_tool.catalog.regions import RegionInfo, RegionTree, level_from_code
from catalog_tool.diagnostics import Finding, fill
from catalog_tool.engine.schema_check import check_model
from catalog_tool.errors import CatalogError
from catalog_tool.io.load import Loaded, load_yaml
from catalog_tool.io.nodes import SeqNode, join_pointer
from catalog_tool.model.regions import Region
from catalog_tool.rules.identity import RegionsFileProblem
from catalog_tool.text import Text


def load_regions(root: Path) -> tuple[RegionTree, list[Finding], Loaded]:
    """The region tree of the catalog at ``root``, and findings about ``regions.yaml``.

    A ``regions.yaml`` that cannot be read as a list at all is unusable input
    (:class:`CatalogError`): one that cannot be read at all is named by its loader problem
    (``Y001`` for a syntax error), at the position an item file would give it.
    """
    path = root / REGIONS_FILE
    try:
        loaded = load_yaml(path.read_bytes(), fast=False)
    except OSError as err:
        raise CatalogError(
            Text(f"无法读取 {path}:{err.strerror}", f"cannot read {path}: {err.strerror}")
        ) from None
    findings = _problem_findings(loaded)
    if not loaded.usable and findings:
        # The problem that stopped the reader (a syntax error, say) comes last: report it
        # as an item file reports it (Y001 at the parser's position), not as a wrong shape.
        raise _unreadable(path, findings[-1])
    if not loaded.usable or not isinstance(loaded.data, list):
        where = findings[0].position if findings and findings[0].position else (1, 1)
        raise CatalogError(
            Text(
                f"{path}:{where[0]}:{where[1]}: regions.yaml 无法使用:应为区划列表",
                f"{path}:{where[0]}:{where[1]}: regions.yaml is unusable: "
                "expected a list of regions",
            ),
            Text(
                '每行一个区划:- {code: "370000", name: 山东省, parent: "000000"}',
                'One region per entry: - {code: "370000", name: 山东省, parent: "000000"}',
            ),
        )
    regions: list[RegionInfo] = []
    tree_root = loaded.tree
    for index, entry in enumerate(loaded.data):
        model, errors = check_model(Region, entry)
        for error in errors:
            findings.append(
                Finding(
                    code=error.code,
                    pointer=join_pointer(index) + error.pointer,
                    message=error.message,
                    hint=error.hint,
                    params=error.params,
                )
            )
        if model is None:
            continue
        assert isinstance(model, Region)
        line, column = 1, 1
        if isinstance(tree_root, SeqNode) and index < len(tree_root.items):
            line, column = tree_root.items[index].line, tree_root.items[index].column
        level = model.level if model.level is not None else level_from_code(model.code)
        regions.append(RegionInfo(model.code, model.name, model.parent, level, line, column))
    tree = RegionTree(regions)
    for issue in tree.issues:
        key = "default" if issue.kind == "unknown_parent" else issue.kind
        findings.append(
            RegionsFileProblem.finding_with(
                "", key, {"code": issue.code, **issue.params}, position=(issue.line, issue.column)
            )
        )
    return tree, findings, loaded


def _unreadable(path: Path, finding: Finding) -> CatalogError:
    """The error for a ``regions.yaml`` that ``finding`` makes unreadable:
    ``path:line:column: Y001 message``, with the rule's hint."""
    line, column = finding.position or (1, 1)
    message = fill(finding.message, finding.params)
    return CatalogError(
        Text(
            f"{path}:{line}:{column}: {finding.code} {message.zh}",
            f"{path}:{line}:{column}: {finding.code} {message.en}",
        ),
        fill(finding.hint, finding.params) if finding.hint is not None else None,
    )


def _problem_findings(loaded: Loaded) -> list[Finding]:
    if not loaded.problems:
        return []
    # The per-file checker is only needed for a broken regions.yaml (and a run answered
    # from the cache never loads it otherwise).
    from catalog_tool.engine.filecheck import problem_finding

    return [problem_finding(p) for p in loaded.problems]
