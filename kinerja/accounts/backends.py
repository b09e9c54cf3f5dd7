"""Login with NIP (the username) or e-mail address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class NipOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        login = (username or kwargs.get("email") or "").strip()
        if not login or password is None:
            return None
        User = get_user_model()
        field = "email__iexact" if "@" in login else "username"
        if field == "username":
            login = login.replace(" ", "")
        users = list(User.objects.filter(**{field: login})[:2])
        if len(users) != 1:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
