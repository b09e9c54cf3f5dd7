"""BKPSDM's settings pages: each page and action, bad input, stale saves, who sees what."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kinerja.complaints.holidays import built_in_for
from kinerja.complaints.models import Category, ComplaintSettings, Holiday, SlaPolicy
from kinerja.complaints.tests import factories as f
from kinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


def url(name: str, *args: Any) -> str:
    return reverse(f"complaints:{name}", args=args)


def text(response: Any) -> str:
    return response.content.decode()


# --- Overview and who sees it --------------------------------------------------------------


def test_overview_shows_the_schedule_and_links(login: Any, city: Any) -> None:
    response = login("bkpsdm").get(url("settings"))
    assert response.status_code == 200
    body = text(response)
    assert "37 jam 30 menit" in body and "7 jam 30 menit" in body
    assert url("settings_rules") in body and url("settings_categories") in body


def test_readers_see_but_cannot_change(login: Any, city: Any) -> None:
    holiday = Holiday.objects.create(
        instansi=city.instansi, date=date(2026, 5, 4), name="Libur", kind="daerah"
    )
    client = login("verifier")
    page = client.get(url("settings_holidays", 2026))
    assert page.status_code == 200
    assert "Libur" in text(page) and "Tambah hari libur" not in text(page)
    assert "hanya BKPSDM yang dapat mengubahnya" in text(page)
    edit = client.get(url("settings_holiday_edit", holiday.pk))
    assert edit.status_code == 200 and "disabled" in text(edit)
    refused = client.post(url("settings_holiday_delete", holiday.pk))
    assert refused.status_code == 403
    assert Holiday.objects.filter(pk=holiday.pk).exists()


def test_another_instansi_is_never_shown(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    assert client.get(url("settings") + f"?instansi={city.other_instansi.pk}").status_code == 404
    foreign = login("foreign")
    assert foreign.get(url("settings") + f"?instansi={city.instansi.pk}").status_code == 404
    assert foreign.get(url("settings")).status_code == 403


def test_the_superadmin_picks_an_instansi(login: Any, city: Any) -> None:
    Holiday.objects.create(
        instansi=city.other_instansi, date=date(2026, 5, 4), name="Libur kota B", kind="daerah"
    )
    client = login("superadmin")
    overview = client.get(url("settings"))
    assert city.other_instansi.name in text(overview)  # in the choice of instansi
    page = client.get(url("settings_holidays", 2026) + f"?instansi={city.other_instansi.pk}")
    assert "Libur kota B" in text(page)
    added = client.post(
        url("settings_holidays", 2026) + f"?instansi={city.other_instansi.pk}",
        {"date": "2026-05-05", "name": "Libur lagi", "kind": "daerah"},
    )
    assert added.status_code == 302
    assert f"instansi={city.other_instansi.pk}" in added["Location"]
    assert Holiday.objects.get(name="Libur lagi").instansi == city.other_instansi


# --- Holidays ------------------------------------------------------------------------------


def test_add_a_holiday_and_recompute_an_open_complaint(login: Any, city: Any) -> None:
    c = f.new_complaint(city, received_at=datetime(2026, 3, 2, 9, 0, tzinfo=WIB))
    client = login("bkpsdm")
    response = client.post(
        url("settings_holidays", 2026), {"date": "2026-03-03", "name": "Libur", "kind": "daerah"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("settings_holidays", 2026) + f"?instansi={city.instansi.pk}"
    c.refresh_from_db()
    assert c.response_due_at == datetime(2026, 3, 4, 8, 15, tzinfo=WIB)
    page = client.get(response["Location"])
    assert "Hari libur ditambahkan. Waktu 1 aduan dihitung ulang." in text(page)
    assert "03-03-2026" in text(page)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2026-05-04", "name": "Dobel", "kind": "daerah"}, "sudah ada di kalender libur"),
        ({"date": "2027-01-04", "name": "Tahun depan", "kind": "daerah"}, "harus di tahun 2026"),
        ({"date": "2026-05-06", "name": "", "kind": "daerah"}, "Bidang ini harus diisi."),
        (
            {"date": "kemarin", "name": "Tanggal salah", "kind": "daerah"},
            "Masukkan tanggal yang valid.",
        ),
    ],
)
def test_bad_holiday_input_is_400_and_kept(
    login: Any, city: Any, data: dict[str, str], message: str
) -> None:
    Holiday.objects.create(instansi=city.instansi, date=date(2026, 5, 4), name="Ada", kind="daerah")
    response = login("bkpsdm").post(url("settings_holidays", 2026), data)
    assert response.status_code == 400
    body = text(response)
    assert message in body
    if data["name"]:
        assert f'value="{data["name"]}"' in body
    assert f'value="{data["date"]}"' in body
    assert Holiday.objects.count() == 1


def test_years_outside_the_calendar_are_404(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    assert client.get(url("settings_holidays", 1999)).status_code == 404
    assert client.get(url("settings_holidays", 2101)).status_code == 404
    assert client.get(url("settings_holidays", 2100)).status_code == 200


def test_year_navigation_and_working_days(login: Any, city: Any) -> None:
    body = text(login("bkpsdm").get(url("settings_holidays", 2026)))
    assert url("settings_holidays", 2025) in body and url("settings_holidays", 2027) in body
    assert "Hari kerja tahun ini menurut jadwal: 261." in body  # 2026: 261 weekdays


def test_load_national_holidays_twice(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    page = client.get(url("settings_holidays", 2026))
    assert "Muat libur nasional 2026" in text(page)
    first = client.post(url("settings_holidays_load", 2026), follow=True)
    assert Holiday.objects.filter(instansi=city.instansi).count() == len(built_in_for(2026))
    assert "25 hari libur ditambahkan dari daftar bawaan." in text(first)
    assert "Semua tanggal dari daftar bawaan sudah ada di kalender." in text(first)
    second = client.post(url("settings_holidays_load", 2026), follow=True)
    assert "0 hari libur ditambahkan" in text(second)
    assert Holiday.objects.filter(instansi=city.instansi).count() == len(built_in_for(2026))
    none = client.post(url("settings_holidays_load", 2040), follow=True)
    assert "Belum ada daftar libur nasional bawaan untuk tahun 2040." in text(none)


def test_an_incomplete_year_says_so(login: Any, city: Any) -> None:
    body = text(login("bkpsdm").get(url("settings_holidays", 2027)))
    assert "Daftar bawaan 2027 belum lengkap" in body


def test_edit_and_delete_a_holiday(login: Any, city: Any) -> None:
    holiday = Holiday.objects.create(
        instansi=city.instansi, date=date(2026, 5, 4), name="Libur", kind="daerah"
    )
    Holiday.objects.create(
        instansi=city.instansi, date=date(2026, 5, 5), name="Lain", kind="daerah"
    )
    client = login("bkpsdm")
    page = client.get(url("settings_holiday_edit", holiday.pk))
    assert page.status_code == 200 and 'value="2026-05-04"' in text(page)
    clash = client.post(
        url("settings_holiday_edit", holiday.pk),
        {"date": "2026-05-05", "name": "Diubah", "kind": "nasional", "version": 1},
    )
    assert clash.status_code == 400 and 'value="Diubah"' in text(clash)
    saved = client.post(
        url("settings_holiday_edit", holiday.pk),
        {"date": "2026-05-06", "name": "Diubah", "kind": "nasional", "version": 1},
    )
    assert saved.status_code == 302
    holiday.refresh_from_db()
    assert (holiday.date, holiday.name, holiday.kind) == (date(2026, 5, 6), "Diubah", "nasional")
    gone = client.post(url("settings_holiday_delete", holiday.pk), {"version": 2})
    assert gone.status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert AuditEvent.objects.filter(action="complaint_settings.holiday_delete").count() == 1


def test_a_stale_edit_is_a_409_that_keeps_what_was_typed_and_a_second_save_goes_through(
    login: Any, city: Any
) -> None:
    holiday = Holiday.objects.create(
        instansi=city.instansi, date=date(2026, 5, 4), name="Libur", kind="daerah"
    )
    client = login("bkpsdm")
    assert 'name="version" value="1"' in text(client.get(url("settings_holiday_edit", holiday.pk)))
    Holiday.objects.filter(pk=holiday.pk).update(name="Diubah orang lain", version=2)
    stale = client.post(
        url("settings_holiday_edit", holiday.pk),
        {"date": "2026-05-04", "name": "Punya saya", "kind": "daerah", "version": 1},
    )
    assert stale.status_code == 409
    body = text(stale)
    assert "baru saja diubah oleh orang lain" in body and 'value="Punya saya"' in body
    assert 'name="version" value="2"' in body
    assert Holiday.objects.get(pk=holiday.pk).name == "Diubah orang lain"
    again = client.post(
        url("settings_holiday_edit", holiday.pk),
        {"date": "2026-05-04", "name": "Punya saya", "kind": "daerah", "version": 2},
    )
    assert again.status_code == 302
    assert Holiday.objects.get(pk=holiday.pk).name == "Punya saya"
    # A removal from a page drawn before that change is refused with the reason, not done.
    refused = client.post(url("settings_holiday_delete", holiday.pk), {"version": 2}, follow=True)
    assert "baru saja diubah oleh orang lain" in text(refused)
    assert Holiday.objects.filter(pk=holiday.pk).exists()
    for bad in ("", "abc", "１", "99999999999"):
        client.post(url("settings_holiday_delete", holiday.pk), {"version": bad})
        assert Holiday.objects.filter(pk=holiday.pk).exists()


# --- Work schedule and rules ---------------------------------------------------------------


def rules_data(version: int = 1, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": version,
        **{f"schedule_{d}": "07:15-12:00,12:30-16:00" for d in range(4)},
        "schedule_4": "07:15-11:45",
        "schedule_5": "",
        "schedule_6": "",
        "at_risk_percent": 25,
        "reopen_days": 14,
        "low_rating": 2,
        "count_reopened": "on",
        "count_rejected": "on",
        "count_low_rating": "on",
        "count_not_solved": "on",
    }
    data.update(changes)
    return data


def test_rules_page_shows_weekly_hours_and_saves(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    page = client.get(url("settings_rules"))
    body = text(page)
    assert "37 jam 30 menit" in body and "8 jam 15 menit" in body
    assert 'value="07:15-12:00,12:30-16:00"' in body
    data = rules_data(schedule_5="08:00-12:00", at_risk_percent=40, reopen_days=7)
    data.pop("count_not_solved")
    saved = client.post(url("settings_rules"), data)
    assert saved.status_code == 302
    found = ComplaintSettings.objects.get(instansi=city.instansi)
    assert found.schedule["5"] == "08:00-12:00"
    assert str(found.at_risk_share) == "0.40"
    assert (found.reopen_days, found.count_not_solved, found.version) == (7, False, 2)
    after = text(client.get(url("settings_rules")))
    assert "41 jam 30 menit" in after  # Saturday morning added
    assert "6 jam 55 menit" in after  # 2490 minutes over six working days


def test_bad_schedule_is_400_with_the_day_named_and_input_kept(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    response = client.post(
        url("settings_rules"), rules_data(schedule_0="16:00-07:15", reopen_days=5)
    )
    assert response.status_code == 400
    body = text(response)
    assert "Jam kerja Senin tidak valid: 16:00-07:15" in body
    assert 'value="16:00-07:15"' in body and 'value="5"' in body
    nothing = rules_data()
    nothing.update({f"schedule_{d}": "" for d in range(7)})
    empty = client.post(url("settings_rules"), nothing)
    assert empty.status_code == 400 and "jam kerja sama sekali" in text(empty)
    out_of_range = client.post(url("settings_rules"), rules_data(at_risk_percent=150))
    assert out_of_range.status_code == 400
    assert ComplaintSettings.objects.get(instansi=city.instansi).version == 1


def test_a_stale_save_is_409_keeping_input_then_goes_through(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    client.get(url("settings_rules"))
    assert client.post(url("settings_rules"), rules_data(reopen_days=10)).status_code == 302
    stale = client.post(url("settings_rules"), rules_data(version=1, reopen_days=21))
    assert stale.status_code == 409
    body = text(stale)
    assert "baru saja diubah" in body
    assert 'value="21"' in body
    assert 'name="version" value="2"' in body
    assert ComplaintSettings.objects.get(instansi=city.instansi).reopen_days == 10
    again = client.post(url("settings_rules"), rules_data(version=2, reopen_days=21))
    assert again.status_code == 302
    assert ComplaintSettings.objects.get(instansi=city.instansi).reopen_days == 21


# --- Service levels ------------------------------------------------------------------------


def test_sla_page_lists_the_built_in_defaults(login: Any, city: Any) -> None:
    body = text(login("auditor").get(url("settings_sla")))
    assert "SP4N-LAPOR!" in body
    assert "3 hari kerja (22 jam 30 menit)" in body and "5 hari kerja" in body
    assert "1 hari kerja (7 jam 30 menit)" in body
    assert "Tambah standar" not in body


def test_add_edit_and_delete_a_policy(login: Any, city: Any) -> None:
    category = f.category(city)
    client = login("bkpsdm")
    added = client.post(
        url("settings_sla"),
        {"channel": "telepon", "category": category.pk, "unit": "hari", "response": "0.5",
         "followup": "1.5"},
    )  # fmt: skip
    assert added.status_code == 302
    policy = SlaPolicy.objects.get(instansi=city.instansi)
    assert (policy.response_minutes, policy.followup_minutes) == (225, 675)
    body = text(client.get(url("settings_sla")))
    assert "3 jam 45 menit" in body and "11 jam 15 menit" in body
    edit = client.get(url("settings_sla_edit", policy.pk))
    assert 'value="3,75"' in text(edit)  # not whole days: shown in hours
    saved = client.post(
        url("settings_sla_edit", policy.pk),
        {"channel": "telepon", "category": category.pk, "unit": "jam", "response": "4",
         "followup": "7,5", "version": 1},
    )  # fmt: skip
    assert saved.status_code == 302
    policy.refresh_from_db()
    assert (policy.response_minutes, policy.followup_minutes) == (240, 450)
    assert client.post(url("settings_sla_delete", policy.pk), {"version": 2}).status_code == 302
    assert not SlaPolicy.objects.exists()


def test_bad_policies_are_400_with_the_models_messages(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    shorter = client.post(
        url("settings_sla"), {"channel": "", "unit": "hari", "response": "3", "followup": "2"}
    )
    assert shorter.status_code == 400
    assert "Batas tindak lanjut tidak boleh lebih pendek dari batas respons." in text(shorter)
    assert 'value="3"' in text(shorter)
    client.post(
        url("settings_sla"), {"channel": "", "unit": "hari", "response": "1", "followup": "2"}
    )
    dup = client.post(
        url("settings_sla"), {"channel": "", "unit": "jam", "response": "1", "followup": "2"}
    )
    assert dup.status_code == 400 and "Sudah ada standar untuk kanal ini." in text(dup)
    zero = client.post(
        url("settings_sla"), {"channel": "email", "unit": "jam", "response": "0", "followup": "1"}
    )
    assert zero.status_code == 400
    foreign = Category.objects.create(instansi=city.other_instansi, code="x", name="X")
    other = client.post(
        url("settings_sla"),
        {"channel": "email", "category": foreign.pk, "unit": "jam", "response": "1",
         "followup": "1"},
    )  # fmt: skip
    assert other.status_code == 400
    assert SlaPolicy.objects.count() == 1


# --- Categories ----------------------------------------------------------------------------


def test_categories_are_filtered_and_paginated(
    login: Any, city: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        Category.objects.create(
            instansi=city.instansi, code=f"k{n:02d}", name=f"Kategori {n:02d}",
            default_unit=city.dinas,
        )  # fmt: skip
    Category.objects.create(instansi=city.instansi, code="parkir", name="Parkir liar")
    client = login("bkpsdm")
    client.get(url("settings_categories"))
    with django_assert_max_num_queries(12):
        page = client.get(url("settings_categories"))
    assert page.context["page_obj"].paginator.count == 31
    assert len(page.context["page_obj"]) == 25
    found = client.get(url("settings_categories") + "?q=parkir")
    assert [c.name for c in found.context["page_obj"]] == ["Parkir liar"]
    second = client.get(url("settings_categories") + "?page=2")
    assert len(second.context["page_obj"]) == 6


def test_add_edit_deactivate_and_delete_categories(login: Any, city: Any) -> None:
    client = login("bkpsdm")
    added = client.post(
        url("settings_categories"),
        {"code": "pju", "name": "Penerangan jalan umum", "default_unit": city.dinas.pk,
         "active": "on"},
    )  # fmt: skip
    assert added.status_code == 302
    category = Category.objects.get(code="pju")
    dup = client.post(url("settings_categories"), {"code": "pju", "name": "Lagi"})
    assert dup.status_code == 400
    assert "Kode kategori ini sudah dipakai." in text(dup) and 'value="Lagi"' in text(dup)
    bad = client.post(url("settings_categories"), {"code": "bukan slug!", "name": "X"})
    assert bad.status_code == 400
    seksi = client.post(
        url("settings_categories"), {"code": "x", "name": "X", "default_unit": city.seksi.pk}
    )
    assert seksi.status_code == 400  # a seksi is not an OPD
    f.new_complaint(city, category=category)
    page = client.get(url("settings_category_edit", category.pk))
    assert "tidak dapat dihapus" in text(page)
    saved = client.post(
        url("settings_category_edit", category.pk),
        {"code": "pju", "name": "PJU", "default_unit": "", "version": 1},
    )
    assert saved.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.active, category.default_unit) == ("PJU", False, None)
    refused = client.post(url("settings_category_delete", category.pk), {"version": 2}, follow=True)
    assert "Nonaktifkan saja" in text(refused)
    assert Category.objects.filter(pk=category.pk).exists()
    unused = Category.objects.create(instansi=city.instansi, code="typo", name="Tpyo")
    assert (
        client.post(url("settings_category_delete", unused.pk), {"version": 1}).status_code == 302
    )
    assert not Category.objects.filter(pk=unused.pk).exists()


# --- Bounded queries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["settings", "settings_rules", "settings_sla", "settings_holidays"]
)
def test_pages_do_a_bounded_number_of_queries(
    login: Any, city: Any, name: str, django_assert_max_num_queries: Any
) -> None:
    client = login("bkpsdm")
    args = [2026] if name == "settings_holidays" else []
    client.post(url("settings_holidays_load", 2026))
    for n in range(20):
        SlaPolicy.objects.create(
            instansi=city.instansi,
            category=Category.objects.create(instansi=city.instansi, code=f"c{n}", name=f"C{n}"),
            response_minutes=60,
            followup_minutes=120,
        )
    client.get(url(name, *args))
    with django_assert_max_num_queries(12):
        assert client.get(url(name, *args)).status_code == 200
