"""The one error the core raises for usage and configuration problems; the CLI maps it to an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reseau.i18n import Msg


class FatalError(Exception):
    """A usage or configuration error: the CLI prints the message (a Msg in the user's
    language) and exits with code."""

    def __init__(self, message: str | Msg, code: int = 2) -> None:
        super().__init__(message if isinstance(message, str) else message.id)
        self.message = message
        self.code = code

    def text(self) -> str:
        """The message in English (where no translator is at hand: logs, tests)."""
        from reseau.i18n import ENGLISH

        return ENGLISH.render(self.message)
