"""Forms of the period pages: realisasi, evidence, activities, feedback and dialog kinerja.

The forms only parse; the rules (and their messages) live in the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kinerja.performance import evidence_files
from kinerja.performance.models import Iki, Rhk, Skp

TEXTAREA = {"rows": 2}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RealisasiForm(forms.Form):
    #: The realisasi version the form was drawn from; 0 when there was none yet.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    value = forms.DecimalField(
        label=_("Realisasi"), required=False, max_digits=14, decimal_places=2
    )
    note = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, iki: Iki, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if iki.is_quantitative:
            self.fields["value"].label = _("Realisasi (%(unit)s)") % {"unit": iki.unit}
        else:
            del self.fields["value"]
            self.fields["note"].label = _("Uraian realisasi")


def _accept() -> str:
    types = evidence_files.allowed_types(settings.KINERJA_EVIDENCE_TYPES)
    return ",".join(f".{ext}" for ext in types)


class EvidenceFileForm(forms.Form):
    # Empty files reach the service, which explains the problem in its own words.
    file = forms.FileField(label=_("Berkas bukti dukung"), allow_empty_file=True)
    description = forms.CharField(label=_("Keterangan berkas"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = _accept()
        self.fields["file"].help_text = _("Jenis: %(types)s; paling besar %(size)s MB.") % {
            "types": _accept().replace(",", ", "),
            "size": settings.KINERJA_EVIDENCE_MAX_BYTES // (1024 * 1024),
        }


class EvidenceLinkForm(forms.Form):
    url = forms.CharField(
        label=_("Tautan bukti dukung"),
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    description = forms.CharField(label=_("Keterangan tautan"), required=False, max_length=500)


class ActivityForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    activity = forms.CharField(
        label=_("Kegiatan"), max_length=2000, widget=forms.Textarea(attrs=TEXTAREA)
    )
    output = forms.CharField(
        label=_("Hasil/output"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    rhk = forms.ModelChoiceField(
        label=_("RHK"), queryset=Rhk.objects.none(), required=False, empty_label=_("— tanpa RHK —")
    )

    def __init__(self, *args: Any, skp: Skp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rhk"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = skp.rhks.order_by("kind", "order", "pk")


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Umpan balik"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DialogForm(forms.Form):
    #: The dialog's version the form was drawn from; 0 for a new record.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    date = forms.DateField(label=_("Tanggal dialog"), widget=DATE)
    notes = forms.CharField(
        label=_("Catatan dialog"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    agreed_actions = forms.CharField(
        label=_("Tindakan yang disepakati"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    follow_up = forms.CharField(
        label=_("Tindak lanjut"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    follow_up_done = forms.BooleanField(label=_("Tindak lanjut selesai"), required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["follow_up_done"]


class DialogResponseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    employee_note = forms.CharField(
        label=_("Tanggapan pegawai"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    follow_up_done = forms.BooleanField(
        label=_("Tindak lanjut sudah saya selesaikan"), required=False
    )
