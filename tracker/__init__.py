"""tracker: claims across sources and outlets, corroborated, contested, and traced."""

__version__ = "0.1.0"
