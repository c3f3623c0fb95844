"""Facts of the field as code: check characters, code structure, normalization."""
