"""Import and export formats: LinkedIn CSV, vCard, iCalendar and redaction."""

from __future__ import annotations

from reseau.interchange.people import PersonRecord

__all__ = ["PersonRecord"]
