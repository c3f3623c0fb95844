"""Legal citations and the law registry they are checked against.

- :mod:`~catalog_tool.legal.citation` parses citation text (``《食品安全法》第三十五条第一款``).
- :mod:`~catalog_tool.legal.registry` holds the laws: level, status, articles.
- :mod:`~catalog_tool.legal.corpus_import` builds a registry from a corpus of law texts.
"""

from typing import TYPE_CHECKING

from catalog_tool.lazy import lazy_names

if TYPE_CHECKING:
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

# The parsers and the registry model load on first use: ``catalog validate`` answered
# from its cache needs only :mod:`catalog_tool.legal.files`.
_HOME = {
    "ArticleRef": "citation",
    "Citation": "citation",
    "CitationProblem": "citation",
    "ParseResult": "citation",
    "ProblemKind": "citation",
    "cached_parse": "citation",
    "citation_key": "citation",
    "normalize_text": "citation",
    "parse_citations": "citation",
    "title_key": "citation",
    "LawLevel": "registry",
    "LawRecord": "registry",
    "LawRegistry": "registry",
    "LawRegistryFile": "registry",
    "LawStatus": "registry",
    "bundled": "registry",
    "schema": "registry",
}


__getattr__ = lazy_names(__name__, _HOME, globals())

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
