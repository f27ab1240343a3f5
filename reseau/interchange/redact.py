"""Stable pseudonyms for sharing a redacted export (`export json --redact`)."""

from __future__ import annotations

import hashlib
import hmac
import re

_KIND_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_LENGTH = 8


def pseudonym(kind: str, value: str, salt: str, *, length: int = DEFAULT_LENGTH) -> str:
    """`kind-<hex>` from HMAC-SHA256(salt, kind + value): same inputs, same pseudonym.

    `kind` (`person`, `email`, `phone`, …) is part of the hash, so one value
    gets unrelated pseudonyms under different kinds. Without the salt the
    pseudonym cannot be recomputed from a guessed name, hence an empty salt
    is refused. `length` hex digits (4–64; 8 by default keeps collisions
    unlikely for tens of thousands of values).
    """
    if not _KIND_RE.match(kind):
        raise ValueError(f"pseudonym kind must be a slug, got {kind!r}")
    if not salt:
        raise ValueError("pseudonym salt must not be empty")
    if not 4 <= length <= 64:
        raise ValueError(f"pseudonym length must be between 4 and 64, got {length}")
    message = f"{kind}\x00{value}".encode("utf-8", "surrogatepass")
    digest = hmac.new(salt.encode("utf-8", "surrogatepass"), message, hashlib.sha256).hexdigest()
    return f"{kind}-{digest[:length]}"
