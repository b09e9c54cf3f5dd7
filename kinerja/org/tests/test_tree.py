"""Materialised paths: subtree and ancestor queries on SQLite and PostgreSQL."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kinerja.org import paths
from kinerja.org.models import JabatanLevel, JabatanType, Unit, UnitType
from kinerja.org.tests.factories import make_instansi, make_position, make_unit


@given(
    st.lists(st.integers(1, 9999), min_size=1, max_size=6),
    st.lists(st.integers(1, 9999), min_size=1, max_size=6),
)
def test_upper_bound_separates_subtrees(a, b):
    pa = "".join(f"{i:04d}" for i in a)
    pb = "".join(f"{i:04d}" for i in b)
    inside = pb.startswith(pa)
    assert (pa <= pb < paths.subtree_upper_bound(pa)) == inside


def test_upper_bound_carries_over_full_segment():
    assert paths.subtree_upper_bound("00019999") == "0002"
    assert paths.child_path("0001", 12) == "00010012"
    with pytest.raises(ValueError):
        paths.child_path("", 10000)


@pytest.mark.django_db
def test_subtree_and_ancestors():
    inst = make_instansi("t1")
    other = make_instansi("t2")
    d1 = make_unit(inst, "Dinas A", code="A")
    b1 = make_unit(inst, "Bidang A1", parent=d1, type=UnitType.BIDANG, code="A1")
    s1 = make_unit(inst, "Seksi A1a", parent=b1, type=UnitType.SEKSI, code="A1a")
    d2 = make_unit(inst, "Dinas B", code="B")
    make_unit(other, "Dinas Lain", code="A")  # same path in another instansi
    assert set(Unit.objects.subtree(d1)) == {d1, b1, s1}
    assert list(Unit.objects.ancestors(s1)) == [d1, b1]
    assert set(Unit.objects.subtree(d2)) == {d2}
    assert (s1.depth, s1.path) == (2, "000100010001")


@pytest.mark.django_db
def test_position_rules_are_enforced():
    inst = make_instansi("t3")
    unit = make_unit(inst, "Dinas A", code="A")
    with pytest.raises(ValidationError, match="Jenjang"):
        make_position(
            unit, "Salah", jabatan_type=JabatanType.PENGAWAS, level=JabatanLevel.AHLI_MUDA
        )
    with pytest.raises(ValidationError, match="satu orang"):
        make_position(unit, "Kepala", jabatan_type=JabatanType.JPT, capacity=2)
    foreign = make_unit(make_instansi("t4"), "Dinas X", code="X")
    head = make_position(foreign, "Kepala X", jabatan_type=JabatanType.JPT)
    with pytest.raises(ValidationError, match="instansi lain"):
        make_position(unit, "Staf", parent=head)


@pytest.mark.django_db
def test_unit_dates_constraint():
    inst = make_instansi("t5")
    with pytest.raises(ValidationError):
        Unit(
            instansi=inst,
            name="X",
            code="X",
            type=UnitType.DINAS,
            path="0009",
            active_from=date(2025, 1, 2),
            active_until=date(2025, 1, 1),
        ).full_clean()
