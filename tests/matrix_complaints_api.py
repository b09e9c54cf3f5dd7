"""Access cases of the complaint pages: api (see tests/test_access_matrix_complaints.py).

Reading follows the complaint scope (verifiers, BKPSDM and the auditor their instansi, the
target OPD's admins their units, the officer their own and the officer's atasan); another
instansi's complaint is 404 for everyone of Kota A. Posting is for the instansi's complaint
verifiers and superadmins only.
"""

from __future__ import annotations

from typing import Any

from tests.test_access_matrix import Case, api, everyone, only

READERS_A = {"verifier": 200, "bkpsdm": 200, "auditor": 200, "superadmin": 200}


def _routed(city: Any) -> list[Any]:
    """A complaint the verifier has sent to Dinas Satu (nobody assigned yet)."""
    from kinerja.complaints.tests.factories import dispatched

    return [dispatched(city).pk]


def _assigned(city: Any) -> list[Any]:
    """A complaint of Dinas Satu assigned to the employee persona."""
    from kinerja.complaints.tests.factories import assigned

    return [assigned(city).pk]


def _in_kota_b(city: Any) -> list[Any]:
    from kinerja.complaints.models import Category
    from kinerja.complaints.services.intake import Intake, file_complaint

    category = Category.objects.create(instansi=city.other_instansi, code="jalan", name="Jalan")
    data = Intake(title="Jalan rusak", description="Di Kota B.", category=category)
    return [file_complaint(actor=None, instansi_id=city.other_instansi.pk, channel="ulas",
                           data=data).pk]  # fmt: skip


def _one_record(city: Any) -> dict[str, Any]:
    # The instansi is named so that the superadmin (who verifies every instansi) may post too.
    return {
        "channel": "whatsapp",
        "instansi": "kota-a",
        "external_id": "WA-MATRIX-1",
        "received_at": "2026-03-02T09:00:00+07:00",
        "title": "Lampu jalan mati",
        "description": "Lampu jalan mati sejak dua malam.",
    }


CASES: list[Case] = [
    Case("api-complaint-list", lambda c: [], api(everyone())),
    Case(
        "api-complaint-list",
        lambda c: [],
        api(only({"verifier": 201, "superadmin": 201}, 403)),
        method="post",
        data=_one_record,
    ),
    Case("api-complaint-detail", _routed, api(only({**READERS_A, "unit_admin": 200}, 404))),
    Case(
        "api-complaint-detail",
        _assigned,
        # The officer's atasan follows the team's complaints (read masked).
        api(only({**READERS_A, "unit_admin": 200, "employee": 200, "supervisor": 200}, 404)),
    ),
    Case("api-complaint-detail", _in_kota_b, api(only({"superadmin": 200}, 404))),
    Case("api-complaint-detail", _routed, api(everyone(405)), method="delete"),
]
