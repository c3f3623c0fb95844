"""The validate engine: per-file checks, cross-item rules, suppressions, the report."""
