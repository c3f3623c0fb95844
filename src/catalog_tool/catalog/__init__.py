"""A catalog on disk: its root, regions, files and the index of its items."""
