"""Legal citations and the law registry they are checked against.

- :mod:`~catalog_tool.legal.citation` parses citation text (``《食品安全法》第三十五条第一款``).
- :mod:`~catalog_tool.legal.registry` holds the laws: level, status, articles.
- :mod:`~catalog_tool.legal.corpus_import` builds a registry from a corpus of law texts.
"""

from catalog_tool.legal.citation import (
    ArticleRef,
    Citation,
    CitationProblem,
    ParseResult,
    ProblemKind,
    cached_parse,
    citation_key,
    normalize_text,
    parse_citations,
    title_key,
)
from catalog_tool.legal.registry import (
    LawLevel,
    LawRecord,
    LawRegistry,
    LawRegistryFile,
    LawStatus,
    bundled,
    schema,
)

__all__ = [
    "ArticleRef",
    "Citation",
    "CitationProblem",
    "LawLevel",
    "LawRecord",
    "LawRegistry",
    "LawRegistryFile",
    "LawStatus",
    "ParseResult",
    "ProblemKind",
    "bundled",
    "cached_parse",
    "citation_key",
    "normalize_text",
    "parse_citations",
    "schema",
    "title_key",
]
