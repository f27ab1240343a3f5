"""The one error the core raises for usage and configuration problems; the CLI maps it to an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reseau.i18n import Msg


class FatalError(Exception):
    """A usage or configuration error: the CLI prints the message (a Msg in the user's
    language) and exits with code."""

    def __init__(self, message: str | Msg, code: int = 2) -> None:
        from reseau.i18n import ENGLISH

        super().__init__(ENGLISH.render(message))  # str(exc): the English text
        self.message = message
        self.code = code
