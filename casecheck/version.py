"""The package version, in one place (pyproject.toml states the same for the build)."""

__version__ = "0.1.0"
