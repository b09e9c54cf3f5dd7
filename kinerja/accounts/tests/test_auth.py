"""Login by NIP or e-mail, rate limiting, mandatory MFA for privileged roles, session limits."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kinerja.employees.tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def _post_login(client: Client, login: str, password: str = TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


@pytest.mark.parametrize("field", ["nip", "email"])
def test_login_with_nip_or_email(city, field):
    client = Client()
    value = city.employee.nip if field == "nip" else city.employee.user.email.upper()
    response = _post_login(client, value)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_keeps_what_was_typed(city):
    response = _post_login(Client(), city.employee.nip, "salah-sekali")
    assert response.status_code == 200
    body = response.content.decode()
    assert city.employee.nip in body  # the login field keeps its value
    assert 'class="errorlist"' in body


def test_failed_logins_are_rate_limited(city):
    client = Client()
    for _ in range(5):
        _post_login(client, city.employee.nip, "salah-sekali")
    response = _post_login(client, city.employee.nip)  # even the right password is refused now
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session


def test_signup_is_closed():
    response = Client().get(reverse("account_signup"))
    assert response.status_code in {200, 302, 403}
    assert b'name="password1"' not in response.content


def test_bkpsdm_admin_must_enrol_totp(city, settings):
    settings.KINERJA_MFA_ENFORCED = True
    client = Client()
    _post_login(
        client, city.bkpsdm.nip
    )  # a real login, so allauth knows the password was just given
    response = client.get(reverse("employees:directory"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # the enrolment flow stays reachable (allauth asks for the password again first)
    enrol = client.get(reverse("mfa_activate_totp"), follow=True)
    assert enrol.status_code == 200
    assert enrol.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_bkpsdm_admin_with_totp_passes(city, settings):
    from allauth.mfa.models import Authenticator

    settings.KINERJA_MFA_ENFORCED = True
    Authenticator.objects.create(
        user=city.bkpsdm.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    client = Client()
    client.force_login(city.bkpsdm.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    assert client.get(reverse("employees:directory")).status_code == 200


def test_plain_employee_is_not_forced_into_mfa(city, settings):
    settings.KINERJA_MFA_ENFORCED = True
    client = Client()
    client.force_login(city.employee.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    assert client.get(reverse("home")).status_code == 200


def _session_client(city) -> Client:
    client = Client()
    client.force_login(city.employee.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    assert client.get(reverse("home")).status_code == 200
    return client


def _age_session(client: Client, **keys: int) -> None:
    session = client.session
    for key, seconds in keys.items():
        session[key] = int(time.time()) - seconds
    session.save()


def test_idle_session_expires(city, settings):
    settings.KINERJA_MFA_ENFORCED = False
    client = _session_client(city)
    _age_session(client, kinerja_seen_at=31 * 60)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_absolute_session_limit(city, settings):
    settings.KINERJA_MFA_ENFORCED = False
    client = _session_client(city)
    _age_session(client, kinerja_login_at=12 * 3600 + 1, kinerja_seen_at=10)
    response = client.get(reverse("home"))
    assert response.status_code == 302


def test_active_session_continues(city, settings):
    settings.KINERJA_MFA_ENFORCED = False
    client = _session_client(city)
    _age_session(client, kinerja_seen_at=29 * 60)
    assert client.get(reverse("home")).status_code == 200


def test_english_switch(city):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/akun/login/"})
    assert response.status_code == 302
    page = client.get(reverse("account_login"))
    assert page.status_code == 200 and b'lang="en"' in page.content


def test_api_session_of_unenrolled_privileged_user_is_refused(city, settings):
    settings.KINERJA_MFA_ENFORCED = True
    client = Client()
    client.force_login(city.auditor.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    response = client.get("/api/v1/employees/")
    assert response.status_code == 403
    assert "TOTP" in response.json()["detail"]


def test_api_without_credentials_is_401():
    response = Client().get("/api/v1/employees/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_password_reset_sends_a_link(city, mailoutbox):
    response = Client().post(reverse("account_reset_password"), {"email": city.employee.user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and city.employee.user.email in mailoutbox[0].to
    assert "/akun/password/reset/key/" in mailoutbox[0].body
