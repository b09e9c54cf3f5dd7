"""Checking one record of :func:`kinerja.complaints.services.external.upsert` before any write.

:class:`Checker` turns a raw record (a file row or an API item) into a cleaned :class:`Record`,
with the imported history (:class:`History`) it carries, or into a rejected
:class:`RecordResult` that lists every problem field by field. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kinerja.complaints.importing import (
    MAX_EXTERNAL_ID,
    Lookups,
    choice_of,
    clean_external_id,
    derive_title,
    parse_moment,
    text_of,
)
from kinerja.complaints.models import CLOSED_STATUSES, Classification, ResponseKind, Status
from kinerja.complaints.services.intake import Intake, clean_intake

#: Content of a known complaint that a later record may change.
UPDATABLE = (
    "title", "description", "location", "category", "classification",
    "complainant_name", "complainant_phone", "complainant_email",
)  # fmt: skip
MAX_RESPONSE = 5000
#: Statuses in which the complaint has reached an OPD, so that an imported OPD applies.
ROUTED = (Status.DISPATCHED, Status.FOLLOWED_UP, Status.DONE, Status.REOPENED)
#: Statuses whose answer is a follow-up (tindak lanjut) rather than a first response.
ANSWERED = (Status.FOLLOWED_UP, Status.DONE, Status.REOPENED)

Errors = dict[str, list[str]]


@dataclass
class RecordResult:
    """What became of one record: ``created``, ``updated``, ``unchanged`` or ``rejected``.

    ``index`` is the row number of a file (as a spreadsheet shows it) or the record's position
    in an API request (from 0).
    """

    index: int
    external_id: str
    result: str
    tracking_code: str = ""
    complaint_id: int | None = None
    errors: Errors = field(default_factory=dict)


@dataclass
class History:
    status: str
    unit_id: int | None
    response: str
    response_kind: str
    response_at: datetime | None
    first_response_at: datetime | None
    followed_up_at: datetime | None
    closed_at: datetime | None


@dataclass
class Record:
    index: int
    external_id: str
    intake: Intake
    values: dict[str, Any]  # the updatable fields the record carries, cleaned
    history: History | None


class Checker:
    """Turns raw records into cleaned ones, collecting every message per field."""

    def __init__(self, instansi_id: int, lookups: Lookups, now: datetime) -> None:
        self.instansi_id = instansi_id
        self.lookups = lookups
        self.now = now

    def check(self, index: int, raw: Mapping[str, Any]) -> Record | RecordResult:
        errors: Errors = {}

        def fail(name: str, message: Any) -> None:
            errors.setdefault(name, []).append(str(message))

        def attempt(name: str, parse: Callable[[], Any]) -> Any:
            try:
                return parse()
            except ValueError as exc:
                fail(name, exc)
                return None

        external_id = attempt("external_id", lambda: clean_external_id(raw.get("external_id")))
        received_at = attempt(
            "received_at", lambda: parse_moment(raw.get("received_at"), now=self.now)
        )
        title, description = text_of(raw.get("title")), text_of(raw.get("description"))
        if not title and not description:
            fail("description", _("Wajib diisi (judul atau uraian)."))
        title = title or derive_title(description)
        description = description or title
        category = None
        if text_of(raw.get("category")):
            category = attempt(
                "category", lambda: self.lookups.category(text_of(raw.get("category")))
            )
        classification = Classification.PENGADUAN.value
        if text_of(raw.get("classification")):
            found = attempt(
                "classification",
                lambda: choice_of(raw.get("classification"), Classification, _("Klasifikasi")),
            )
            classification = found or classification
        intake = Intake(
            title=title,
            description=description,
            received_at=received_at,
            category=category,
            classification=classification,
            location=text_of(raw.get("location")),
            complainant_name=text_of(raw.get("complainant_name")),
            complainant_phone=text_of(raw.get("complainant_phone")),
            complainant_email=text_of(raw.get("complainant_email")),
            external_id=external_id or "",
        )
        try:
            clean_intake(intake, instansi_id=self.instansi_id, now=self.now)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                if name not in errors:
                    errors[name] = list(messages)
        history = self._history(raw, received_at, fail)
        if errors:
            shown = external_id or text_of(raw.get("external_id"))[:MAX_EXTERNAL_ID]
            return RecordResult(index, shown, "rejected", errors=errors)
        assert external_id is not None
        values = {name: getattr(intake, name) for name in UPDATABLE if name in raw}
        return Record(index, external_id, intake, values, history)

    def _history(
        self, raw: Mapping[str, Any], received_at: datetime | None, fail: Callable[[str, Any], None]
    ) -> History | None:
        status_text, unit_text = text_of(raw.get("status")), text_of(raw.get("unit"))
        response = text_of(raw.get("response"))
        problems: list[tuple[str, str]] = []
        moments: dict[str, datetime | None] = {}
        for name in ("responded_at", "closed_at"):
            moments[name] = None
            if text_of(raw.get(name)) or isinstance(raw.get(name), datetime):
                try:
                    moments[name] = parse_moment(raw.get(name), now=self.now)
                except ValueError as exc:
                    problems.append((name, str(exc)))
        responded_at, closed_at = moments["responded_at"], moments["closed_at"]
        if not (status_text or unit_text or response or responded_at or closed_at or problems):
            return None
        status = ""
        if status_text:
            try:
                status = choice_of(status_text, Status, _("Status"))
            except ValueError as exc:
                problems.append(("status", str(exc)))
        else:
            # A record with handling but no status: the furthest step its fields show.
            status = (
                Status.DONE if closed_at else Status.FOLLOWED_UP if response
                else Status.DISPATCHED if unit_text else Status.VERIFIED
            )  # fmt: skip
        unit_id = None
        if unit_text:
            try:
                unit_id = self.lookups.unit(unit_text)
            except ValueError as exc:
                problems.append(("unit", str(exc)))
        if status:
            problems += _step_problems(status, response, responded_at, closed_at, received_at)
        for name, message in problems:
            fail(name, message)
        if problems:
            return None
        closed = status in CLOSED_STATUSES
        if closed and closed_at is None:
            closed_at = responded_at
        response_at = responded_at or closed_at
        answered = status in ANSWERED
        followed_up_at = response_at if answered else None
        return History(
            status=status,
            unit_id=unit_id if status in ROUTED else None,
            response=response,
            response_kind=ResponseKind.FOLLOW_UP if answered else ResponseKind.RESPONSE,
            response_at=response_at if response else None,
            first_response_at=responded_at or (response_at if response else followed_up_at),
            followed_up_at=followed_up_at,
            closed_at=closed_at if closed else None,
        )


def _step_problems(
    status: str,
    response: str,
    responded_at: datetime | None,
    closed_at: datetime | None,
    received_at: datetime | None,
) -> list[tuple[str, str]]:
    """What does not fit together in an imported history (field, message)."""
    problems: list[tuple[str, str]] = []
    if status == Status.NEW:
        for name, given in (
            ("response", response),
            ("responded_at", responded_at),
            ("closed_at", closed_at),
        ):
            if given:
                problems.append((name, _("Aduan berstatus baru belum memiliki penanganan.")))
        return problems
    closed = status in CLOSED_STATUSES
    if closed and closed_at is None and responded_at is None:
        problems.append(
            (
                "closed_at",
                _("Wajib diisi untuk aduan berstatus %(status)s.")
                % {"status": Status(status).label},
            )
        )
    if not closed and closed_at is not None:
        problems.append(
            ("closed_at", _("Hanya untuk aduan berstatus selesai, ditolak atau bukan wewenang."))
        )
    if len(response) > MAX_RESPONSE:
        problems.append(("response", _("Paling banyak %(n)s karakter.") % {"n": MAX_RESPONSE}))
    if response and responded_at is None and closed_at is None:
        problems.append(
            ("responded_at", _("Wajib diisi bila ada tanggapan (atau isi tanggal selesai)."))
        )
    for name, moment in (("responded_at", responded_at), ("closed_at", closed_at)):
        if received_at and moment and moment < received_at:
            problems.append((name, _("Tidak boleh sebelum waktu aduan diterima.")))
    if responded_at and closed_at and closed_at < responded_at:
        problems.append(("closed_at", _("Tidak boleh sebelum tanggal tanggapan.")))
    return problems
