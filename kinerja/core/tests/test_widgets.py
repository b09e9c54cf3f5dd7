from django import forms

from kinerja.core.widgets import FastSelect


class _Form(forms.Form):
    unit = forms.ChoiceField(
        choices=[("", "Semua"), ("1", "Dinas <A>"), ("2", "— Bidang")],
        widget=FastSelect(attrs={"id": "u", "required": True}),
    )


def test_fast_select_matches_a_select_element():
    html = str(_Form({"unit": "2"})["unit"])
    assert html.startswith('<select name="unit" id="u" required>')
    assert '<option value="">Semua</option>' in html
    assert '<option value="1">Dinas &lt;A&gt;</option>' in html  # labels are escaped
    assert '<option value="2" selected>— Bidang</option>' in html
