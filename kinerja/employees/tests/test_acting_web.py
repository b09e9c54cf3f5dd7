"""Naming and ending a Plt/Plh from the position page."""

from datetime import date

from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.employees import selectors
from kinerja.employees.models import Assignment, Employee


def _vacate_kasi(city):
    from kinerja.employees import services

    current = Assignment.objects.get(employee=city.kasi, end_date__isnull=True)
    services.end_assignment(actor=None, assignment=current, end_date=date(2025, 12, 31))


def test_bkpsdm_names_a_plt_and_the_chain_is_whole_again(city, login):
    _vacate_kasi(city)
    client = login("bkpsdm")
    url = reverse("org:position", args=[city.kasi_pos.pk])
    response = client.post(
        url,
        {
            "nip": city.kabid.nip,
            "kind": "plt",
            "start_date": "2026-01-05",
            "end_date": "2027-06-30",
            "decree": "800/15/2026",
        },
    )
    assert response.status_code == 302
    sup = selectors.superiors_of(Employee.objects.with_placement().get(pk=city.employee.pk))
    assert sup.atasan is not None and sup.atasan.employee == city.kabid and sup.atasan.is_acting
    event = AuditEvent.objects.filter(action="assignment.plt").latest("id")
    assert event.actor_id == city.bkpsdm.user.pk
    assert event.after is not None and event.after["decree"] == "800/15/2026"
    page = client.get(url).content.decode()
    assert "Pelaksana Tugas (Plt)" in page and "Akhiri hari ini" in page


def test_bad_input_is_explained_and_kept(city, login):
    client = login("bkpsdm")
    url = reverse("org:position", args=[city.kasi_pos.pk])
    response = client.post(
        url,
        {
            "nip": "199001012015031999",
            "kind": "plt",
            "start_date": "2026-02-01",
            "end_date": "2026-01-01",
            "decree": "SK-1",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "tidak ditemukan dalam lingkup Anda" in body
    assert "tidak boleh sebelum tanggal mulai" in body
    assert 'value="SK-1"' in body and 'value="199001012015031999"' in body
    assert not Assignment.objects.filter(kind="plt").exists()


def test_second_plt_at_the_same_time_is_refused(city, login):
    _vacate_kasi(city)
    client = login("bkpsdm")
    url = reverse("org:position", args=[city.kasi_pos.pk])
    data = {"kind": "plt", "start_date": "2026-01-05", "end_date": "", "decree": ""}
    assert client.post(url, {**data, "nip": city.kabid.nip}).status_code == 302
    response = client.post(url, {**data, "nip": city.colleague.nip})
    assert response.status_code == 400 and "sudah terisi" in response.content.decode()


def test_foreign_employee_cannot_be_named(city, login):
    response = login("superadmin").post(
        reverse("org:position", args=[city.kasi_pos.pk]),
        {"nip": city.foreign.nip, "kind": "plh", "start_date": "2026-01-05"},
    )
    assert response.status_code == 400
    assert not Assignment.objects.filter(kind="plh").exists()


def test_ending_an_acting_assignment(city, login):
    from kinerja.employees import services

    acting = services.assign_position(
        actor=None,
        employee=city.kabid,
        position=city.kasi_pos,
        kind="plh",
        start_date=date(2026, 1, 1),
    )
    response = login("unit_admin").post(reverse("org:end_acting", args=[acting.pk]))
    assert response.status_code == 302
    acting.refresh_from_db()
    assert acting.end_date is not None
    # ending it twice: it is no longer open, so it is not found
    assert login("unit_admin").post(reverse("org:end_acting", args=[acting.pk])).status_code == 404


def test_empty_grant_form_is_answered_with_errors(city, login):
    response = login("bkpsdm").post(reverse("employees:grants"), {})
    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist"') >= 3  # login, role, dates, reason
