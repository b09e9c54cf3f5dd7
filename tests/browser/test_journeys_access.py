"""Journeys: an employee sees only their own data; an Admin OPD cannot open another OPD's
employee."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.employees.tests.factories import TEST_PASSWORD
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employee_sees_only_own_data(page: Any, city: Any, settings: Any) -> None:
    settings.KINERJA_MFA_ENFORCED = False
    log_in(page, city.employee.nip, TEST_PASSWORD)
    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="Profil saya").is_visible()
    assert "Kepala Seksi Pengaduan" in page.content()  # the derived atasan's position
    page.get_by_role("link", name="Tim & profil").click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert city.employee.name in rows.first.inner_text()
    # A colleague's profile, typed into the address bar, is not found.
    response = page.goto(f"/pegawai/{city.colleague.pk}/")
    assert response is not None and response.status == 404
    assert city.colleague.name not in page.content()


def test_unit_admin_cannot_open_another_opd_employee(page: Any, city: Any, settings: Any) -> None:
    settings.KINERJA_MFA_ENFORCED = False
    log_in(page, city.unit_admin.user.email, TEST_PASSWORD)
    page.wait_for_url("**/")
    page.goto("/pegawai/")
    body = page.content()
    assert city.kasi.name in body and city.outsider.name not in body
    response = page.goto(f"/pegawai/{city.outsider.pk}/")
    assert response is not None and response.status == 404
    assert city.outsider.name not in page.content()
    page.goto(f"/pegawai/{city.kasi.pk}/")
    assert page.get_by_role("heading", name=city.kasi.full_name).is_visible()


def test_org_tree_expands_a_branch(page: Any, city: Any, settings: Any) -> None:
    settings.KINERJA_MFA_ENFORCED = False
    log_in(page, city.employee.nip, TEST_PASSWORD)
    page.wait_for_url("**/")
    page.get_by_role("link", name="Organisasi").click()
    page.locator("summary", has_text="Dinas Satu").click()
    branch = page.locator("details", has_text="Dinas Satu").locator(".branch").first
    branch.get_by_role("link", name="Bidang Layanan").wait_for()
    assert "Bidang Layanan" in branch.inner_text()
    # Dinas Dua has no sub-units: it is a leaf, not a branch to open
    assert page.locator("details", has_text="Dinas Dua").count() == 0
