"""The directory: search, filters, links that keep the filters."""

from django.urls import reverse


def test_search_and_filters_and_export_links_keep_the_query(city, login):
    client = login("bkpsdm")
    response = client.get(reverse("employees:directory"), {"q": "dewi", "status": "pns"})
    body = response.content.decode()
    assert response.status_code == 200
    assert city.employee.full_name in body and city.colleague.full_name not in body
    assert f"{reverse('employees:export')}?q=dewi&amp;status=pns&amp;format=xlsx" in body


def test_unit_filter_takes_the_subtree_and_invalid_values_are_explained(city, login):
    client = login("bkpsdm")
    body = client.get(reverse("employees:directory"), {"unit": city.bidang.pk}).content.decode()
    assert city.kabid.name in body and city.employee.name in body and city.kadis.name not in body
    bad = client.get(
        reverse("employees:directory"), {"unit": city.foreign_dinas.pk, "golongan": "V/z"}
    )
    assert bad.status_code == 200 and bad.content.decode().count('class="errorlist"') == 2


def test_pagination_keeps_the_filters(city, login, monkeypatch):
    from kinerja.employees import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    body = login("bkpsdm").get(reverse("employees:directory"), {"status": "pns"}).content.decode()
    assert 'href="?status=pns&amp;page=2"' in body
