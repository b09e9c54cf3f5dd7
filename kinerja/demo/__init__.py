"""Deterministic demo data: Pemerintah Kota Surakarta and a second, small instansi.

``manage.py seed_demo [--scale N] [--seed S]`` loads about 6,500 ASN at scale 1 (``--scale 15``
gives about 100,000, for benchmarks) with three performance years: plans, realisasi, periodic
and annual evaluations, unit penetapan and a few keberatan (``--no-evaluations`` stops at the
plans). It only runs in demo mode (``KINERJA_DEMO=1`` or ``DEBUG=1``) or on an empty database,
because every demo account shares one published password: see
``kinerja.demo.personas.DEMO_LOGINS``. Running it again changes nothing.
"""
