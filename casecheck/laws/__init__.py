"""Law facts: statute importer, shipped facts registry, user store and citation validation."""
