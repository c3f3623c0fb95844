"""Reading and writing files: decoding, YAML loading with positions, atomic writes."""
