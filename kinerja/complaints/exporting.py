"""Exporting the complaint inbox as CSV or XLSX.

The complainant's name and contacts are always masked in a file, whoever downloads it: a file
leaves the system and its readers cannot be known. Cells are escaped against formula injection
by :mod:`kinerja.core.spreadsheets`. Each export is recorded in the audit trail with its size and
filters (without the free-text search, which could hold anything a user typed).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.complaints.masking import complainant_of
from kinerja.complaints.models import Complaint
from kinerja.complaints.selectors import SlaBook, state_label
from kinerja.core.audit import record_event
from kinerja.core.spreadsheets import Format, write_table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def header() -> list[str]:
    return [
        _("Kode pelacakan"), _("Diterima"), _("Kanal"), _("ID di kanal"), _("Judul"),
        _("Kategori"), _("Klasifikasi"), _("OPD tujuan"), _("Petugas"), _("Status"),
        _("Batas respons"), _("Status respons"), _("Batas tindak lanjut"),
        _("Status tindak lanjut"), _("Selesai"), _("Penilaian warga"),
        _("Pelapor (disamarkan)"), _("HP pelapor (disamarkan)"), _("E-mail pelapor (disamarkan)"),
    ]  # fmt: skip


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""


def complaint_cells(complaint: Complaint, book: SlaBook) -> list[str]:
    """One export row, in :func:`header` order, with the complainant masked."""
    response, follow_up = book.steps(complaint)
    person = complainant_of(complaint, reveal=False)
    return [
        complaint.tracking_code,
        _when(complaint.received_at),
        str(complaint.get_channel_display()),
        complaint.external_id,
        complaint.title,
        complaint.category.name if complaint.category else "",
        str(complaint.get_classification_display()),
        complaint.unit.name if complaint.unit else "",
        complaint.officer.full_name if complaint.officer else "",
        str(complaint.get_status_display()),
        _when(response.due),
        state_label(response.state),
        _when(follow_up.due),
        state_label(follow_up.state),
        _when(complaint.closed_at),
        str(complaint.rating or ""),
        person.name,
        person.phone,
        person.email,
    ]


def complaint_rows(queryset: QuerySet[Complaint], book: SlaBook) -> Iterator[list[str]]:
    rows = queryset.select_related("category", "unit", "officer")
    for complaint in rows.iterator(chunk_size=2000):
        yield complaint_cells(complaint, book)


def export_complaints(
    *, actor: Any, queryset: QuerySet[Complaint], fmt: Format, filters: dict[str, str],
    instansi_id: int | None, book: SlaBook,
) -> tuple[IO[bytes], str]:  # fmt: skip
    """The filtered inbox as a file (a temporary file, rewound) and its download name."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    count = 0

    def counted() -> Iterator[list[str]]:
        nonlocal count
        for row in complaint_rows(queryset, book):
            count += 1
            yield row

    write_table(handle, header(), counted(), fmt=fmt, sheet_name="Aduan")
    handle.seek(0)
    kept = {k: v for k, v in filters.items() if k != "q"}
    if filters.get("q"):
        kept["q"] = "(pencarian)"
    record_event(
        actor=actor, action="complaints.export", instansi_id=instansi_id,
        after={"count": count, "format": fmt, "filters": kept},
    )  # fmt: skip
    return handle, f"aduan-{timezone.localdate():%Y%m%d}.{fmt}"
