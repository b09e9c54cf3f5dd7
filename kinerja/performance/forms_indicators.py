"""Forms on a computed realisasi: the employee's contest and the assessor's override.

The forms only parse; the rules and their messages live in
:mod:`kinerja.performance.services.indicator_link`. Each carries the realisasi version it was
drawn from, so that a change made meanwhile (a new computation, the other person's answer) is
refused with 409 and the typed text kept.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

TEXTAREA = {"rows": 3}


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ContestForm(_Versioned):
    reason = forms.CharField(
        label=_("Alasan keberatan atas angka"),
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Misalnya aduan yang bukan tugas Anda atau waktu yang tercatat keliru."),
    )


class OverrideForm(_Versioned):
    value = forms.DecimalField(
        label=_("Angka realisasi yang berlaku"), max_digits=14, decimal_places=2, min_value=0
    )
    reason = forms.CharField(
        label=_("Alasan mengubah angka"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ClearOverrideForm(_Versioned):
    """Return to the computed figure."""
