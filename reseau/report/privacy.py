"""Keep contact details out of reports: hide email addresses and phone numbers in any text."""

from __future__ import annotations

import re

from reseau.ledger import Ledger

# Anything shaped like an address (`a@b` is enough): over-hiding beats leaking.
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*")
# A run of digits and phone separators: the only places a phone number can hide.
CANDIDATE = re.compile(r"\+?\(?\d[\d .()/-]{4,}\d")
PHONES = (
    re.compile(r"\+\d{1,3}(?:[ .()/-]*\d){6,14}"),  # +33 6 12 34 56 78
    re.compile(r"(?<![\w.-])0[1-9](?:[ .-]?\d{2}){4}(?![\w-])"),  # 06 12 34 56 78
    re.compile(r"(?<![\w-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w-])"),  # (555) 123-4567
)
EMAIL_HIDDEN = "(email hidden)"
PHONE_HIDDEN = "(phone hidden)"
MIN_DIGITS = 6
_NON_DIGIT = re.compile(r"\D")


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
    return any(
        digits[i:j] in forms
        for i in range(len(digits))
        for j in range(i + MIN_DIGITS, len(digits) + 1)
    )


def _sub_lines(pattern: re.Pattern[str], repl: str, text: str, needle: str) -> str:
    """pattern.sub(repl, text), reading only the lines that hold needle.

    Exact for a pattern that matches no newline and whose every match holds needle: no match
    crosses a line, and a line without needle holds none. The email pattern scans a long
    report slowly (each word is tried as an address), and most lines hold no `@`.
    """
    if needle not in text:
        return text
    return "\n".join(
        pattern.sub(repl, line) if needle in line else line for line in text.split("\n")
    )


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
    text = _sub_lines(EMAIL, EMAIL_HIDDEN, text, "@")
    hidden: dict[str, str] = {}  # a report repeats the same dates and paths thousands of times

    def hide(match: re.Match[str]) -> str:
        candidate = match.group(0)
        done = hidden.get(candidate)
        if done is None:
            done = hidden[candidate] = _hide(candidate, forms)
        return done

    return CANDIDATE.sub(hide, text)


def _hide(found: str, forms: set[str]) -> str:
    """One run of digits and separators: phone-shaped parts hidden, or all if it holds a
    ledger phone."""
    for pattern in PHONES:
        found = pattern.sub(PHONE_HIDDEN, found)
    if forms and _holds(_NON_DIGIT.sub("", found), forms):
        return PHONE_HIDDEN
    return found
