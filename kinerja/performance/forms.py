"""Forms of the performance pages. Each carries the SKP version it was drawn from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.complaints.models import Indicator
from kinerja.performance.models import (
    Aspek,
    Berakhlak,
    Perspektif,
    Rhk,
    RhkKind,
    Skp,
    SkpApproach,
)

TEXTAREA = {"rows": 3}


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DetailsForm(VersionedForm):
    approach = forms.ChoiceField(label=_("Pendekatan"), choices=SkpApproach.choices)
    dukungan_sumber_daya = forms.CharField(
        label=_("Dukungan sumber daya"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    konsekuensi = forms.CharField(
        label=_("Konsekuensi"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class RhkForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Jenis"), choices=RhkKind.choices)
    text = forms.CharField(
        label=_("Rencana hasil kerja"), max_length=2000, widget=forms.Textarea(attrs=TEXTAREA)
    )
    supports = forms.ModelChoiceField(
        label=_("RHK pimpinan yang diintervensi"),
        queryset=Rhk.objects.none(),
        required=False,
        empty_label=_("— pilih —"),
    )

    def __init__(self, *args: Any, skp: Skp, leader: Skp | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if skp.is_jpt:
            del self.fields["supports"]
        else:
            field = self.fields["supports"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = (
                leader.rhks.order_by("-kind", "order", "pk") if leader else Rhk.objects.none()
            )


class IkiForm(VersionedForm):
    text = forms.CharField(
        label=_("Indikator kinerja individu"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    aspek = forms.ChoiceField(
        label=_("Aspek"), choices=[("", _("— tanpa aspek —")), *Aspek.choices], required=False
    )
    perspektif = forms.ChoiceField(
        label=_("Perspektif"), choices=[("", _("— pilih —")), *Perspektif.choices], required=False
    )
    target = forms.DecimalField(
        label=_("Target"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("Kosongkan untuk indikator kualitatif."),
    )
    unit = forms.CharField(label=_("Satuan"), required=False, max_length=40)
    lower_is_better = forms.BooleanField(
        label=_("Makin kecil makin baik (misalnya waktu respons)"), required=False
    )
    indicator_source = forms.ChoiceField(
        label=_("Sumber realisasi"),
        choices=[("", _("diisi pegawai")), *Indicator.choices],
        required=False,
        help_text=_(
            "Untuk IKI dengan target angka: pilih indikator aduan agar realisasi setiap periode "
            "dihitung otomatis dari data aduan (satuan dan arah ikut indikatornya)."
        ),
    )

    def __init__(self, *args: Any, skp: Skp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["aspek" if skp.is_jpt else "perspektif"]


class ReturnForm(VersionedForm):
    comment = forms.CharField(
        label=_("Catatan untuk pegawai"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ExpectationsForm(VersionedForm):
    """Ekspektasi Khusus Pimpinan, one optional text per BerAKHLAK value."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Berakhlak.choices:
            self.fields[value] = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def texts(self) -> dict[str, str]:
        return {value: self.cleaned_data.get(value, "") for value in Berakhlak.values}
