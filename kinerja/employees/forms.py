"""Forms of the employees app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.employees.models import AssignmentKind, Employee


class ActingForm(forms.Form):
    """Name a Plt or Plh for a position (BKPSDM, or the Admin OPD of the unit)."""

    nip = forms.CharField(label=_("NIP pegawai yang ditunjuk"), max_length=18)
    kind = forms.ChoiceField(
        label=_("Jenis penugasan"),
        choices=[
            (AssignmentKind.PLT, AssignmentKind.PLT.label),
            (AssignmentKind.PLH, AssignmentKind.PLH.label),
        ],
    )
    start_date = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=_("Sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decree = forms.CharField(label=_("Nomor surat perintah / SK"), max_length=100, required=False)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates

    def clean_nip(self) -> Employee:
        nip = self.cleaned_data["nip"].replace(" ", "")
        employee = self.candidates.filter(nip=nip).first()
        if employee is None:
            raise forms.ValidationError(
                _("Pegawai dengan NIP ini tidak ditemukan dalam lingkup Anda.")
            )
        return employee

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal akhir tidak boleh sebelum tanggal mulai."))
        return data
