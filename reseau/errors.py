"""The one error the core raises for usage and configuration problems; the CLI maps it to an exit code."""

from __future__ import annotations


class FatalError(Exception):
    """A usage or configuration error: the CLI prints the message and exits with code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
