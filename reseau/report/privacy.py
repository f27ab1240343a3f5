"""Keep contact details out of reports: hide email addresses and phone numbers in any text."""

from __future__ import annotations

import re

from reseau.ledger import Ledger

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONES = (
    re.compile(r"\+\d{1,3}(?:[ .()/-]*\d){6,14}"),               # +33 6 12 34 56 78
    re.compile(r"(?<![\w.-])0[1-9](?:[ .-]?\d{2}){4}(?![\w-])"),   # 06 12 34 56 78
    re.compile(r"(?<![\w-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w-])"),  # (555) 123-4567
)
EMAIL_HIDDEN = "(email hidden)"
PHONE_HIDDEN = "(phone hidden)"


def _phone_pattern(phone: str) -> re.Pattern[str] | None:
    """A ledger phone written any way: separators anywhere; as given, or in national form
    for an international number (+44 20 7946 0958 and 020 7946 0958), or its last nine
    digits after +<country code> or a leading 0 (+33 6 12 34 56 78 and 06 12 34 56 78)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None
    forms = {digits}
    if phone.strip().startswith("+"):
        forms |= {"0" + digits[k:] for k in (1, 2, 3)} | {digits[k:] for k in (1, 2, 3)}
    sep = r"[ .()/-]*"
    start = r"(?<!\d)(?<!\d[ .()/-])"   # never from the middle of a longer number
    whole = [r"\+?\(?" + sep.join(form) for form in sorted(forms, key=lambda f: (-len(f), f))
             if len(form) >= 6]
    tail = r"(?:\+\d{1,3}" + sep + "|0" + sep + ")?" + sep.join(digits[-9:])
    return re.compile(f"{start}(?:{'|'.join([*whole, tail])})(?!\\d)")


def scrub(text: str, ledger: Ledger) -> str:
    """text with every email address and phone number (the ledger's and any other) hidden."""
    text = EMAIL.sub(EMAIL_HIDDEN, text)
    for pattern in PHONES:
        text = pattern.sub(PHONE_HIDDEN, text)
    for contact in sorted(ledger.contacts.values(), key=lambda c: c.id):
        for email in contact.emails:
            text = re.sub(re.escape(email), EMAIL_HIDDEN, text, flags=re.IGNORECASE)
        for phone in contact.phones:
            own = _phone_pattern(phone)
            if own is not None:
                text = own.sub(PHONE_HIDDEN, text)
    return text
