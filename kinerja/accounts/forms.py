"""Forms for role grants and the audit filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import UNIT_ROLES, Role, User


class GrantForm(forms.Form):
    login = forms.CharField(label=_("NIP atau username pengguna"), max_length=150)
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Unit (khusus Admin OPD dan admin aduan)"),
        queryset=None,
        required=False,
    )
    valid_from = forms.DateField(
        label=_("Berlaku sejak"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Berlaku sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Dasar pemberian (mis. nomor SK)"), max_length=300)

    def __init__(self, *args: Any, units: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.users = users

    def clean_login(self) -> User:
        login = self.cleaned_data["login"].strip()
        user = self.users.filter(username=login).first()
        if user is None:
            raise forms.ValidationError(_("Pengguna tidak ditemukan di instansi Anda."))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") in UNIT_ROLES and not data.get("unit"):
            self.add_error("unit", _("Admin OPD dan admin aduan memerlukan unit."))
        if data.get("role") not in UNIT_ROLES and data.get("unit"):
            self.add_error("unit", _("Unit hanya diisi untuk Admin OPD dan admin aduan."))
        if (
            data.get("valid_until")
            and data.get("valid_from")
            and data["valid_until"] < data["valid_from"]
        ):
            self.add_error("valid_until", _("Tanggal akhir tidak boleh sebelum tanggal mulai."))
        return data


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Aksi"), required=False, max_length=64)
    actor = forms.CharField(label=_("Pelaku"), required=False, max_length=150)
    target = forms.CharField(label=_("Objek"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
