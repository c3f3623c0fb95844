"""The command line: thin adapters over the library. Only this package prints."""
