"""reseau: a professional network kept as a plain-text ledger in Git."""

__version__ = "0.1.0"
