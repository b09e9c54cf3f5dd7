"""The dinas of Kota Surakarta for works, public order, social affairs, environment and transport.

Health and education are in ``kinerja.demo.layanan``, the other dinas in
``kinerja.demo.dinas_lain``.
"""

from __future__ import annotations

from kinerja.demo.dinas_lain import dinas_lain_list
from kinerja.demo.orgspec import Bidang, Job, UnitSpec, family, opd, pelaksana, upt
from kinerja.org.models import UnitType as U


def _staff(*jobs: Job) -> tuple[Job, ...]:
    return jobs


_CLERK = pelaksana("Pengadministrasi Perkantoran", 1)
_ANALIS = family("Analis Kebijakan", "umum", ahli_pertama=1, ahli_muda=1)


def satpol_pp() -> UnitSpec:
    polpp = family(
        "Polisi Pamong Praja", "satpol", terampil=12, mahir=8, penyelia=3, ahli_pertama=2
    )
    return opd(
        "satpolpp",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        U.SATPOL,
        "Kepala Satuan Polisi Pamong Praja",
        [
            Bidang(
                "Bidang Penegakan Peraturan Daerah",
                ("Pembinaan, Pengawasan dan Penyuluhan", "Penyelidikan dan Penyidikan"),
            ),
            Bidang(
                "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
                ("Operasi dan Pengendalian", "Kerja Sama"),
            ),
            Bidang(
                "Bidang Perlindungan Masyarakat",
                ("Satuan Perlindungan Masyarakat", "Bina Potensi Masyarakat"),
            ),
            Bidang("Bidang Sumber Daya Aparatur", ("Pelatihan Dasar", "Teknis Fungsional")),
        ],
        size=2,
        families=(polpp,),
        section_staff=_staff(
            pelaksana("Pengelola Layanan Operasional", 2, profile="satpol"), _CLERK
        ),
    )


def dinas_list() -> list[UnitSpec]:
    """The ordinary dinas, in the order the city lists them."""
    return [
        opd(
            "dpupr",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            "DPUPR",
            U.DINAS,
            "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
            [
                Bidang(
                    "Bidang Bina Marga",
                    (
                        "Pembangunan Jalan dan Jembatan",
                        "Pemeliharaan Jalan dan Jembatan",
                        "Penerangan Jalan Umum",
                    ),
                ),
                Bidang("Bidang Sumber Daya Air", ("Drainase", "Pengelolaan Sungai dan Air Baku")),
                Bidang("Bidang Cipta Karya", ("Bangunan Gedung", "Air Minum dan Sanitasi")),
                Bidang(
                    "Bidang Penataan Ruang",
                    ("Perencanaan Tata Ruang", "Pengendalian Pemanfaatan Ruang"),
                ),
                Bidang("Bidang Bina Konstruksi", ("Jasa Konstruksi", "Pengawasan Konstruksi")),
            ],
            size=3,
            families=(
                family(
                    "Teknik Jalan dan Jembatan", "teknik", ahli_pertama=2, ahli_muda=1, terampil=1
                ),
                family("Teknik Pengairan", "teknik", ahli_pertama=2, ahli_muda=1),
                family(
                    "Penata Bangunan Gedung dan Permukiman", "teknik", ahli_pertama=2, ahli_muda=1
                ),
                family("Penata Ruang", "teknik", ahli_pertama=2, ahli_muda=1),
                family("Pembina Jasa Konstruksi", "teknik", ahli_pertama=2),
            ),
            section_staff=_staff(
                pelaksana("Teknisi Sarana dan Prasarana", 3, profile="teknisi"),
                pelaksana("Pengelola Layanan Operasional", 1, profile="teknik"),
                _CLERK,
            ),
            extra=(
                upt(
                    "UPT Peralatan dan Perbekalan",
                    (
                        pelaksana("Teknisi Sarana dan Prasarana", 8, profile="teknisi"),
                        pelaksana("Operator Layanan Operasional", 4, profile="teknisi"),
                        _CLERK,
                    ),
                ),
            ),
        ),
        opd(
            "disperumkimtan",
            "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
            "Disperumkimtan",
            U.DINAS,
            "Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
            [
                Bidang(
                    "Bidang Perumahan",
                    ("Penyediaan Perumahan", "Pembiayaan dan Pengembangan Perumahan"),
                ),
                Bidang(
                    "Bidang Kawasan Permukiman",
                    ("Peningkatan Kualitas Permukiman", "Prasarana, Sarana dan Utilitas Umum"),
                ),
                Bidang("Bidang Pertanahan", ("Pengadaan Tanah", "Penatagunaan Tanah")),
                Bidang("Bidang Pemakaman", ("Pengelolaan Makam", "Pelayanan Pemakaman")),
            ],
            size=2,
            families=(
                family(
                    "Penata Bangunan Gedung dan Permukiman", "teknik", ahli_pertama=2, ahli_muda=1
                ),
            ),
        ),
        satpol_pp(),
        opd(
            "damkar",
            "Dinas Pemadam Kebakaran",
            "Damkar",
            U.DINAS,
            "Kepala Dinas Pemadam Kebakaran",
            [
                Bidang(
                    "Bidang Pencegahan",
                    (
                        "Pencegahan dan Pengendalian Kebakaran",
                        "Penyuluhan dan Pemberdayaan Masyarakat",
                    ),
                ),
                Bidang("Bidang Operasional", ("Pemadaman", "Penyelamatan")),
                Bidang("Bidang Sarana dan Prasarana", ("Sarana", "Prasarana")),
            ],
            size=2,
            families=(
                family("Analis Kebakaran", "damkar", ahli_pertama=2),
                family("Pemadam Kebakaran", "damkar", pemula=3, terampil=12, mahir=6, penyelia=2),
                family("Pemadam Kebakaran", "damkar", terampil=4, mahir=2),
            ),
        ),
        opd(
            "dinsos",
            "Dinas Sosial",
            "Dinsos",
            U.DINAS,
            "Kepala Dinas Sosial",
            [
                Bidang(
                    "Bidang Rehabilitasi Sosial",
                    (
                        "Rehabilitasi Sosial Anak dan Lanjut Usia",
                        "Rehabilitasi Sosial Penyandang Disabilitas",
                    ),
                ),
                Bidang(
                    "Bidang Perlindungan dan Jaminan Sosial",
                    ("Perlindungan Sosial Korban Bencana", "Jaminan Sosial Keluarga"),
                ),
                Bidang(
                    "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
                    ("Pemberdayaan Sosial", "Penanganan Fakir Miskin"),
                ),
            ],
            size=2,
            families=(
                family("Pekerja Sosial", "sosial", terampil=2, ahli_pertama=2, ahli_muda=1),
                family("Penyuluh Sosial", "sosial", ahli_pertama=2, ahli_muda=1),
            ),
        ),
        opd(
            "disnaker",
            "Dinas Tenaga Kerja",
            "Disnaker",
            U.DINAS,
            "Kepala Dinas Tenaga Kerja",
            [
                Bidang("Bidang Pelatihan dan Produktivitas", ("Pelatihan Kerja", "Produktivitas")),
                Bidang(
                    "Bidang Penempatan Tenaga Kerja",
                    ("Penempatan Tenaga Kerja", "Perluasan Kesempatan Kerja"),
                ),
                Bidang(
                    "Bidang Hubungan Industrial dan Jaminan Sosial",
                    ("Hubungan Industrial", "Jaminan Sosial Tenaga Kerja"),
                ),
            ],
            size=1,
            families=(
                family("Instruktur", "teknisi", terampil=2, ahli_pertama=1),
                family("Pengantar Kerja", "umum", ahli_pertama=2),
                family("Mediator Hubungan Industrial", "hukum", ahli_pertama=1, ahli_muda=1),
            ),
            extra=(
                upt(
                    "UPT Pelatihan Kerja",
                    family("Instruktur", "teknisi", terampil=4, mahir=2),
                    (_CLERK,),
                ),
            ),
        ),
        opd(
            "dp3ap2kb",
            "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
            "Keluarga Berencana",
            "DP3AP2KB",
            U.DINAS,
            "Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
            "Keluarga Berencana",
            [
                Bidang(
                    "Bidang Pemberdayaan Perempuan",
                    ("Kualitas Hidup Perempuan", "Pengarusutamaan Gender"),
                ),
                Bidang(
                    "Bidang Perlindungan Anak", ("Pemenuhan Hak Anak", "Perlindungan Khusus Anak")
                ),
                Bidang(
                    "Bidang Pengendalian Penduduk",
                    ("Pengendalian Penduduk", "Informasi dan Data Keluarga"),
                ),
                Bidang(
                    "Bidang Keluarga Berencana",
                    ("Pelayanan Keluarga Berencana", "Ketahanan dan Kesejahteraan Keluarga"),
                    family("Penyuluh Keluarga Berencana", "kesmas", ahli_pertama=10, ahli_muda=4),
                ),
            ],
            size=1,
            families=(_ANALIS,),
        ),
        opd(
            "dispertan",
            "Dinas Pertanian, Ketahanan Pangan dan Perikanan",
            "Dispertan KPP",
            U.DINAS,
            "Kepala Dinas Pertanian, Ketahanan Pangan dan Perikanan",
            [
                Bidang(
                    "Bidang Ketahanan Pangan",
                    ("Ketersediaan dan Distribusi Pangan", "Konsumsi dan Keamanan Pangan"),
                ),
                Bidang(
                    "Bidang Pertanian",
                    ("Tanaman Pangan dan Hortikultura", "Prasarana dan Sarana Pertanian"),
                ),
                Bidang(
                    "Bidang Peternakan dan Kesehatan Hewan",
                    ("Peternakan", "Kesehatan Hewan dan Kesehatan Masyarakat Veteriner"),
                    family("Medik Veteriner", "veteriner", ahli_pertama=2, ahli_muda=1),
                ),
                Bidang(
                    "Bidang Perikanan",
                    ("Perikanan Budidaya", "Pengolahan dan Pemasaran Hasil Perikanan"),
                ),
            ],
            size=1,
            families=(
                family("Pengawas Mutu Hasil Pertanian", "pertanian", terampil=1, ahli_pertama=1),
                family("Penyuluh Pertanian", "pertanian", terampil=2, ahli_pertama=2, ahli_muda=1),
            ),
        ),
        opd(
            "dlh",
            "Dinas Lingkungan Hidup",
            "DLH",
            U.DINAS,
            "Kepala Dinas Lingkungan Hidup",
            [
                Bidang(
                    "Bidang Tata Lingkungan",
                    ("Perencanaan dan Kajian Dampak Lingkungan", "Pemeliharaan Lingkungan Hidup"),
                ),
                Bidang(
                    "Bidang Pengelolaan Sampah dan Limbah Bahan Berbahaya dan Beracun",
                    (
                        "Pengurangan Sampah",
                        "Penanganan Sampah",
                        "Limbah Bahan Berbahaya dan Beracun",
                    ),
                ),
                Bidang(
                    "Bidang Penaatan dan Peningkatan Kapasitas Lingkungan Hidup",
                    (
                        "Pengaduan dan Penegakan Hukum Lingkungan",
                        "Peningkatan Kapasitas Lingkungan",
                    ),
                ),
                Bidang(
                    "Bidang Pertamanan", ("Pembangunan Taman", "Pemeliharaan Taman dan Hutan Kota")
                ),
            ],
            size=3,
            families=(
                family("Pengendali Dampak Lingkungan", "lingkungan", ahli_pertama=2, ahli_muda=1),
                family("Pengawas Lingkungan Hidup", "lingkungan", ahli_pertama=1, ahli_muda=1),
            ),
            section_staff=_staff(
                pelaksana("Teknisi Sarana dan Prasarana", 3, profile="teknisi"),
                pelaksana("Pengelola Layanan Operasional", 1, profile="lingkungan"),
                _CLERK,
            ),
            extra=(
                upt(
                    "UPT Tempat Pemrosesan Akhir Sampah Putri Cempo",
                    (
                        pelaksana("Teknisi Sarana dan Prasarana", 10, profile="teknisi"),
                        pelaksana("Operator Layanan Operasional", 6, profile="teknisi"),
                        pelaksana("Pengadministrasi Perkantoran", 2),
                    ),
                ),
                upt(
                    "UPT Laboratorium Lingkungan",
                    (pelaksana("Pengelola Layanan Operasional", 4, profile="lingkungan"), _CLERK),
                ),
            ),
        ),
        opd(
            "disdukcapil",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "Disdukcapil",
            U.DINAS,
            "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            [
                Bidang(
                    "Bidang Pelayanan Pendaftaran Penduduk",
                    ("Identitas Penduduk", "Pindah Datang Penduduk", "Pendataan Penduduk"),
                ),
                Bidang(
                    "Bidang Pelayanan Pencatatan Sipil",
                    ("Kelahiran dan Kematian", "Perkawinan, Perceraian dan Perubahan Status Anak"),
                ),
                Bidang(
                    "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                    ("Sistem Informasi Administrasi Kependudukan", "Pengolahan dan Penyajian Data"),
                ),
                Bidang(
                    "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
                    ("Kerja Sama", "Inovasi Pelayanan"),
                ),
            ],
            size=2,
            families=(
                family(
                    "Administrator Database Kependudukan",
                    "kependudukan",
                    terampil=2,
                    ahli_pertama=2,
                    ahli_muda=1,
                ),
            ),
            section_staff=_staff(
                pelaksana("Operator Layanan Operasional", 3, profile="kependudukan"), _CLERK
            ),
        ),
        opd(
            "dishub",
            "Dinas Perhubungan",
            "Dishub",
            U.DINAS,
            "Kepala Dinas Perhubungan",
            [
                Bidang(
                    "Bidang Lalu Lintas",
                    ("Manajemen dan Rekayasa Lalu Lintas", "Pengendalian dan Operasional"),
                ),
                Bidang("Bidang Angkutan", ("Angkutan Orang", "Angkutan Barang dan Terminal")),
                Bidang(
                    "Bidang Pengembangan dan Keselamatan",
                    ("Pengembangan Sistem Transportasi", "Keselamatan Transportasi"),
                ),
                Bidang("Bidang Perparkiran", ("Penataan Parkir", "Pengendalian Parkir")),
            ],
            size=3,
            families=(
                family(
                    "Penguji Kendaraan Bermotor",
                    "transportasi",
                    terampil=2,
                    mahir=1,
                    ahli_pertama=1,
                ),
            ),
            section_staff=_staff(
                pelaksana("Pengelola Layanan Operasional", 3, profile="transportasi"),
                pelaksana("Operator Layanan Operasional", 2, profile="transportasi"),
                _CLERK,
            ),
            extra=(
                upt(
                    "UPT Pengujian Kendaraan Bermotor",
                    family(
                        "Penguji Kendaraan Bermotor",
                        "transportasi",
                        terampil=4,
                        mahir=2,
                        penyelia=1,
                    ),
                    (pelaksana("Teknisi Sarana dan Prasarana", 3, profile="teknisi"), _CLERK),
                ),
            ),
        ),
        *dinas_lain_list(),
    ]
