"""``catalog laws``: build, look into and check the law registry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalog_tool.catalog.layout import find_root
from catalog_tool.cli.common import LangOption, config_near, file_only, pick_lang
from catalog_tool.diagnostics import Severity
from catalog_tool.errors import CatalogError
from catalog_tool.text import Lang, Text

# The registry and its parsers load when a laws command runs, not when the CLI starts.
if TYPE_CHECKING:
    from catalog_tool.legal.registry import LawRecord, LawRegistry

laws_app = typer.Typer(
    name="laws",
    help="The law registry: import a corpus, show a law, check the registry.",
    no_args_is_help=True,
    epilog="""
Examples:

    catalog laws show 建筑法                 # one law: level, dates, status, articles
    catalog laws check --catalog items      # the registry in use, with the catalog's laws.yaml
    catalog laws import ../shared/laws -o laws.json
""",
)

RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        help="A registry file (JSON/YAML) instead of the bundled one plus the catalog's own.",
        exists=True,
        dir_okay=False,
    ),
]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog", help="Catalog whose own laws.yaml is laid over the bundled registry."
    ),
]


def _registry(registry: Path | None, catalog: Path | None) -> LawRegistry:
    from catalog_tool.legal.catalog_registry import catalog_registry, load_registry
    from catalog_tool.legal.registry import bundled

    if registry is not None:
        return load_registry(registry)
    target = catalog if catalog is not None else (Path("items") if Path("items").is_dir() else None)
    if target is None:
        return bundled()
    root = find_root(target)
    loaded = config_near(root, None)
    return catalog_registry(root, loaded.config.laws, loaded.base)


@laws_app.command(
    "import",
    epilog="Example:\n\n    catalog laws import ../shared/laws -o laws.json",
)
def import_command(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder (Markdown per law + db.sqlite3).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Registry file to write.", callback=file_only)
    ] = Path("laws.json"),
    lang: LangOption = None,
) -> None:
    """Build a registry from a corpus of law texts (facts only: no texts are copied)."""
    from catalog_tool.legal.corpus_import import import_corpus
    from catalog_tool.legal.registry import write_registry

    if not corpus.is_dir():
        raise CatalogError(
            Text(f"语料目录不存在:{corpus}", f"no such corpus folder: {corpus}"),
            Text(
                "给出按 LawRefBook/Laws 布局的目录(Markdown + db.sqlite3)。",
                "Give a folder in the LawRefBook/Laws layout.",
            ),
        )
    file = import_corpus(corpus)
    write_registry(file, output)
    language = pick_lang(lang)
    counts = Counter(r.level.value for r in file.laws)
    listed = "、".join(f"{level} {n}" for level, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    typer.echo(
        Text(
            f"已写入 {output}:{len(file.laws)} 部({listed})",
            f"wrote {output}: {len(file.laws)} laws ({listed})",
        ).get(language)
    )


_FIELDS = (
    ("title", Text("标题", "title")),
    ("short_titles", Text("简称", "short titles")),
    ("level", Text("效力层级", "level")),
    ("issuer", Text("制定机关", "issuer")),
    ("published", Text("公布日期", "published")),
    ("effective", Text("施行日期", "in force from")),
    ("status", Text("时效性", "status")),
    ("successor", Text("替代法规", "successor")),
    ("repealed", Text("废止日期", "repealed")),
)


def _details(record: LawRecord, registry: LawRegistry, lang: Lang) -> str:
    lines = []
    for name, label in _FIELDS:
        value = getattr(record, name)
        if value in (None, (), ""):
            continue
        shown = "、".join(value) if isinstance(value, tuple) else str(value)
        lines.append(f"{label.get(lang)}: {shown}")
    count = registry.article_count(record)
    articles = Text("条文", "articles").get(lang)
    unknown = Text("未知", "unknown").get(lang)
    lines.append(
        f"{articles}: {count if count is not None else unknown} ({record.articles or '-'})"
    )
    return "\n".join(lines)


@laws_app.command(
    "show",
    epilog="Examples:\n\n    catalog laws show 建筑法\n    catalog laws show 食品 --lang en",
)
def show_command(
    query: Annotated[str, typer.Argument(help="A title, short title or part of one.")],
    registry: RegistryOption = None,
    catalog: CatalogOption = None,
    lang: LangOption = None,
) -> None:
    """Show one law (exact title) or list the laws whose titles contain the query."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from catalog_tool.legal.citation import title_key

    language = pick_lang(lang)
    laws = _registry(registry, catalog)
    record = laws.find(query)
    if record is not None:
        typer.echo(_details(record, laws, language))
        raise typer.Exit(0)
    key = title_key(query)
    matches = sorted((r for r in laws.records if key and key in r.key), key=lambda r: r.title)
    if matches:
        table = Table(header_style="bold")
        for column in (Text("标题", "title"), Text("效力层级", "level"), Text("时效性", "status")):
            table.add_column(column.get(language))
        for found in matches[:100]:
            table.add_row(escape(found.title), found.level.value, found.status.value)
        Console(soft_wrap=True).print(table)
        if len(matches) > 100:
            typer.echo(
                Text(
                    f"……共 {len(matches)} 部,只列出前 100 部",
                    f"… {len(matches)} matches, first 100 shown",
                ).get(language)
            )
        raise typer.Exit(0)
    suggestions = laws.suggest(query, 5)
    message = Text(f"法律库中没有“{query}”", f"no law matches {query!r}").get(language)
    if suggestions:
        message += Text("。是否要找:", ". Did you mean: ").get(language) + "、".join(suggestions)
    typer.echo(message, err=True)
    raise typer.Exit(1)


@laws_app.command(
    "check",
    epilog="Examples:\n\n    catalog laws check\n    catalog laws check --registry items/laws.yaml",
)
def check_command(
    registry: RegistryOption = None,
    catalog: CatalogOption = None,
    lang: LangOption = None,
) -> None:
    """Self-check a registry: colliding names, dangling successors, inconsistent status."""
    from rich.console import Console
    from rich.markup import escape

    from catalog_tool.legal.selfcheck import check_registry

    language = pick_lang(lang)
    laws = _registry(registry, catalog)
    problems = list(check_registry(laws))
    console = Console(soft_wrap=True, highlight=False)
    for problem in problems:
        message = escape(problem.message.get(language))
        word = problem.severity.word.get(language)
        console.print(f"《{escape(problem.title)}》: {word}: {message}")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    infos = len(problems) - errors - warnings
    console.print(
        Text(
            f"检查了 {len(laws)} 部法律法规:{errors} 个错误,{warnings} 个警告,{infos} 个提示。",
            f"Checked {len(laws)} laws: {errors} errors, {warnings} warnings, {infos} infos.",
        ).get(language)
    )
    raise typer.Exit(1 if errors else 0)


def register(app: typer.Typer) -> None:
    """Add the command group to ``app``."""
    app.add_typer(laws_app)
