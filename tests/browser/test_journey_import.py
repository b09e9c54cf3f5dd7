"""Journey: the BKPSDM admin logs in with TOTP, imports a file, reads the preview, applies it,
and finds an imported employee in the directory."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kinerja.employees.models import Employee
from kinerja.employees.nip import make_nip
from kinerja.employees.tests.factories import TEST_PASSWORD
from tests.browser.conftest import log_in, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _write_file(path: Path, unit_code: str) -> tuple[str, str]:
    good = make_nip(date(1991, 7, 9), 2016, 4, "P", 41)
    other = make_nip(date(1987, 2, 3), 2012, 1, "L", 42)
    rows = [
        "Nip Baru;Nama;Gelar Belakang;Tgl Lahir;Jenis Kelamin;Status Pegawai;Gol Ruang Akhir;"
        "Jenis Jabatan;Jabatan Nama;Tmt Jabatan;Unor Id",
        f"{good};Ratna Widyaningsih;S.Kom.;09-07-1991;P;PNS;III/b;Pelaksana;"
        f"Pengelola Layanan Operasional;01-02-2024;{unit_code}",
        f"{other};Teguh Santoso;;03-02-1987;L;PNS;III/c;Pelaksana;"
        f"Pengadministrasi Perkantoran;01-02-2024;{unit_code}",
        f"1987020320120110;Nama Salah NIP;;03-02-1987;L;PNS;III/c;Pelaksana;"
        f"Pengadministrasi Perkantoran;01-02-2024;{unit_code}",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return good, other


def test_bkpsdm_imports_a_file(page: Any, city: Any, tmp_path: Path, settings: Any) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    settings.KINERJA_MFA_ENFORCED = True
    TOTP.activate(city.bkpsdm.user, SECRET)
    good_nip, _other = _write_file(tmp_path / "pegawai-baru.csv", city.seksi.code)

    log_in(page, city.bkpsdm.nip, TEST_PASSWORD)
    page.locator("input[name=code]").fill(totp_code(SECRET))
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="Profil saya").is_visible()

    page.get_by_role("link", name="Impor").click()
    page.get_by_label("Berkas ekspor pegawai (.csv atau .xlsx)").set_input_files(
        str(tmp_path / "pegawai-baru.csv")
    )
    page.get_by_role("button", name="Unggah dan periksa").click()

    # The preview: nothing saved yet, two rows to create, one rejected with its row number.
    assert page.get_by_role("heading", name="Hasil pemeriksaan (belum disimpan)").is_visible()
    assert not Employee.objects.filter(nip=good_nip).exists()
    rejected = page.get_by_role("region", name="Baris ditolak")
    assert "4" in rejected.locator("tbody tr").first.inner_text()  # row 4 of the file
    assert "18 digit" in rejected.inner_text()

    page.get_by_label("Lewati baris yang ditolak dan simpan hanya baris yang benar").check()
    page.get_by_role("button", name="Terapkan impor").click()
    assert page.get_by_role("heading", name="Hasil impor").is_visible()
    assert Employee.objects.filter(nip=good_nip).exists()

    page.get_by_role("link", name="Pegawai", exact=True).click()
    page.get_by_label("Nama atau NIP").fill("Ratna Widya")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name="Ratna Widyaningsih, S.Kom.").click()
    assert page.get_by_role("heading", name="Ratna Widyaningsih, S.Kom.").is_visible()
    assert "Seksi Pengaduan" in page.content()
    # The new employee's atasan is derived from the position tree: the Kepala Seksi.
    assert city.kasi.name in page.content()
