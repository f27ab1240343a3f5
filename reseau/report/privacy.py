"""Keep contact details out of reports: hide email addresses and phone numbers in any text."""

from __future__ import annotations

import re

from reseau.ledger import Ledger

# Anything shaped like an address (`a@b` is enough): over-hiding beats leaking.
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*")
# A run of digits and phone separators: the only places a phone number can hide.
CANDIDATE = re.compile(r"\+?\(?\d[\d .()/-]{4,}\d")
PHONES = (
    re.compile(r"\+\d{1,3}(?:[ .()/-]*\d){6,14}"),               # +33 6 12 34 56 78
    re.compile(r"(?<![\w.-])0[1-9](?:[ .-]?\d{2}){4}(?![\w-])"),   # 06 12 34 56 78
    re.compile(r"(?<![\w-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w-])"),  # (555) 123-4567
)
EMAIL_HIDDEN = "(email hidden)"
PHONE_HIDDEN = "(phone hidden)"
MIN_DIGITS = 6


def phone_forms(phone: str) -> set[str]:
    """The digit strings a ledger phone may be written as: as given, in national form for an
    international number (+44 20 7946 0958 → 02079460958), and its last nine digits
    (+33 6 12 34 56 78 and 06 12 34 56 78 share 612345678)."""
    digits = re.sub(r"\D", "", phone)
    forms = {digits, digits[-9:]}
    if phone.strip().startswith("+"):
        forms |= {"0" + digits[k:] for k in (1, 2, 3)} | {digits[k:] for k in (1, 2, 3)}
    return {f for f in forms if len(f) >= MIN_DIGITS}


def _holds(digits: str, forms: set[str]) -> bool:
    return any(digits[i:j] in forms for i in range(len(digits))
               for j in range(i + MIN_DIGITS, len(digits) + 1))


def scrub(text: str, ledger: Ledger) -> str:
    """text with every email address and phone number (the ledger's and any other) hidden."""
    forms: set[str] = set()
    odd_emails: list[str] = []
    for cid in sorted(ledger.contacts):
        contact = ledger.contacts[cid]
        odd_emails += [e for e in contact.emails if e and not EMAIL.fullmatch(e)]
        for phone in contact.phones:
            forms |= phone_forms(phone)
    for email in odd_emails:
        text = re.sub(re.escape(email), EMAIL_HIDDEN, text, flags=re.IGNORECASE)
    text = EMAIL.sub(EMAIL_HIDDEN, text)

    def hide(match: re.Match[str]) -> str:
        found = match.group(0)
        for pattern in PHONES:
            found = pattern.sub(PHONE_HIDDEN, found)
        if forms and _holds(re.sub(r"\D", "", found), forms):
            return PHONE_HIDDEN
        return found

    return CANDIDATE.sub(hide, text)
