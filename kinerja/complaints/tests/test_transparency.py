"""The public transparency page: figures from the stored rows, small cells suppressed, no
personal data, and the same number of queries whatever the volume."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from kinerja.complaints.charts import trend
from kinerja.complaints.models import Complaint
from kinerja.complaints.selectors_public import MIN_CELL, transparency
from kinerja.complaints.services.indicators import refresh
from kinerja.complaints.tests import factories as f

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")
URL = "/layanan/transparansi/"


def _march(city: Any, count: int) -> None:
    for day in range(2, 2 + count):
        f.done(city, received_at=datetime(2025, 3, day, 9, 0, tzinfo=JKT))
    refresh(city.instansi.pk, date(2025, 3, 1), date(2025, 3, 31))
    refresh(city.instansi.pk, date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def public(settings: Any, city: Any) -> Client:
    settings.KINERJA_PUBLIC_INSTANSI = city.instansi.code
    return Client()


def test_the_page_shows_the_year_per_opd_and_category(city: Any, public: Client) -> None:
    _march(city, 6)
    response = public.get(URL, {"tahun": 2025})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dinas Satu" in page and "Jalan dan drainase" in page
    figures = response.context["figures"]
    assert figures.total.handled.value == 6
    assert [m.handled.value for m in figures.months][2] == 6
    assert "<svg" in page and "Mar: 6" in page
    # Nothing personal: no complainant name or phone, no tracking code.
    code = Complaint.objects.first().tracking_code  # type: ignore[union-attr]
    assert "Siti" not in page and "0812" not in page and code not in page


def test_a_cell_under_five_complaints_is_suppressed(city: Any, public: Client) -> None:
    _march(city, MIN_CELL - 1)
    response = public.get(URL, {"tahun": 2025})
    figures = response.context["figures"]
    assert figures.total.handled.suppressed and figures.total.handled.value is None
    assert figures.opds[0].on_time.suppressed
    assert figures.months[2].handled.suppressed
    assert "—*" in response.content.decode()
    assert trend(figures.months).bars[2].count is None


def test_one_opd_narrows_the_trend_and_the_categories(city: Any, public: Client) -> None:
    _march(city, 5)
    response = public.get(URL, {"tahun": 2025, "opd": city.dinas.pk})
    figures = response.context["figures"]
    assert figures.scope_label == "Dinas Satu" and figures.total.handled.value == 5
    other = public.get(URL, {"tahun": 2025, "opd": city.other_dinas.pk}).context["figures"]
    assert other.total.handled.value is None and other.categories == []


@pytest.mark.parametrize(
    "query",
    [{"tahun": "abc"}, {"tahun": 1999}, {"opd": "999999"}, {"kategori": "x"}],
)
def test_bad_choices_get_a_clear_400(city: Any, public: Client, query: dict[str, Any]) -> None:
    _march(city, 5)
    response = public.get(URL, query)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_another_instansi_is_not_offered(city: Any, public: Client) -> None:
    response = public.get(URL, {"opd": city.foreign_dinas.pk})
    assert response.status_code == 400


def test_before_any_refresh_the_page_says_so(city: Any, public: Client) -> None:
    response = public.get(URL)
    assert response.status_code == 200
    assert response.context["figures"].computed_at is None


def test_the_queries_do_not_grow_with_the_volume(
    city: Any, public: Client, django_assert_max_num_queries: Any
) -> None:
    _march(city, 5)
    with django_assert_max_num_queries(8):
        public.get(URL, {"tahun": 2025})
    _march(city, 10)
    with django_assert_max_num_queries(8):
        public.get(URL, {"tahun": 2025})
    assert transparency(city.instansi.pk, 2025).total.handled.value == 15
