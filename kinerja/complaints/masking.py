"""Masking a complainant's personal data for readers who do not handle the complaint.

One helper for the pages and the exports (exports are always masked). A masked value keeps just
enough to tell two complainants apart on a call ("S*** A***", "0812******90",
"s***@example.com") and never enough to contact or identify them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STAR = "*"


def mask_name(name: str) -> str:
    """The initials only, not even the length of each word: ``Siti Aminah`` → ``S*** A***``."""
    return " ".join(word[0] + STAR * 3 for word in (name or "").split())


def mask_phone(phone: str) -> str:
    """The operator prefix and the last two digits: ``081234567890`` → ``0812******90``."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if len(phone) <= 6:
        return STAR * len(phone)
    return phone[:4] + STAR * (len(phone) - 6) + phone[-2:]


def mask_email(email: str) -> str:
    """The first letter and the domain: ``siti@example.com`` → ``s***@example.com``."""
    email = (email or "").strip()
    if not email:
        return ""
    local, at, domain = email.partition("@")
    if not at:
        return local[:1] + STAR * 3
    return f"{local[:1]}{STAR * 3}@{domain}"


@dataclass(frozen=True)
class Complainant:
    """The complainant's fields as one reader may see them."""

    name: str
    phone: str
    email: str
    masked: bool


def complainant_of(complaint: Any, *, reveal: bool) -> Complainant:
    """The complainant of ``complaint``, in clear only when ``reveal`` (the reader handles it)."""
    if reveal:
        return Complainant(
            complaint.complainant_name,
            complaint.complainant_phone,
            complaint.complainant_email,
            masked=False,
        )
    return Complainant(
        mask_name(complaint.complainant_name),
        mask_phone(complaint.complainant_phone),
        mask_email(complaint.complainant_email),
        masked=True,
    )
