"""Measuring the engine against gold sets (extraction; document types), for the CLI and tests."""
