"""``catalog fmt``: canonical formatting of item and region files, round-trip safe."""
