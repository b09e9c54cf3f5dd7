"""The demo's complaint volumes and categories, modelled on ULAS's: the complaints a year, and
about 90 categories, each with its OPD and weight.

Weights follow the frequent categories DOMAIN.md §5 names (bantuan sosial, jalan dan drainase,
parkir, PJU, ketertiban, lingkungan hidup, pendidikan, air minum). Categories handled outside
the city government (PDAM, PLN, the provincial and national roads) have no OPD: the verifier
closes most of them as "bukan wewenang".
"""

from __future__ import annotations

from typing import NamedTuple

#: Complaints a year; the current year is prorated to today.
VOLUME = {2023: 15003, 2024: 8898, 2025: 8512, 2026: 8300}


class DemoCategory(NamedTuple):
    name: str
    opd: str  # the short name of the OPD it goes to; "" when outside the city government
    weight: int


CATEGORIES = [
    DemoCategory("Bantuan sosial", "Dinsos", 60),
    DemoCategory("Data Terpadu Kesejahteraan Sosial (DTKS)", "Dinsos", 25),
    DemoCategory("Penyandang disabilitas dan lansia", "Dinsos", 6),
    DemoCategory("Anak jalanan dan gelandangan", "Dinsos", 5),
    DemoCategory("Jalan rusak dan berlubang", "DPUPR", 55),
    DemoCategory("Drainase dan saluran air", "DPUPR", 35),
    DemoCategory("Banjir dan genangan", "DPUPR", 14),
    DemoCategory("Trotoar", "DPUPR", 8),
    DemoCategory("Jembatan", "DPUPR", 3),
    DemoCategory("Bangunan tanpa izin", "DPUPR", 6),
    DemoCategory("Penerangan jalan umum (PJU)", "Dishub", 32),
    DemoCategory("Parkir liar dan juru parkir", "Dishub", 45),
    DemoCategory("Lampu lalu lintas", "Dishub", 8),
    DemoCategory("Angkutan umum dan Batik Solo Trans", "Dishub", 9),
    DemoCategory("Rambu dan marka jalan", "Dishub", 5),
    DemoCategory("Kemacetan", "Dishub", 6),
    DemoCategory("Ketenteraman dan ketertiban umum", "Satpol PP", 40),
    DemoCategory("Pedagang kaki lima", "Satpol PP", 18),
    DemoCategory("Reklame liar", "Satpol PP", 6),
    DemoCategory("Miras dan penyakit masyarakat", "Satpol PP", 4),
    DemoCategory("Sampah dan kebersihan", "DLH", 35),
    DemoCategory("Pencemaran lingkungan", "DLH", 10),
    DemoCategory("Pohon tumbang dan ranting", "DLH", 10),
    DemoCategory("Taman kota dan ruang terbuka hijau", "DLH", 5),
    DemoCategory("Penerimaan peserta didik baru (PPDB)", "Disdik", 22),
    DemoCategory("Sekolah dan guru", "Disdik", 12),
    DemoCategory("Beasiswa dan bantuan pendidikan", "Disdik", 8),
    DemoCategory("Pungutan di sekolah", "Disdik", 4),
    DemoCategory("Layanan puskesmas", "DKK", 14),
    DemoCategory("Layanan rumah sakit daerah", "DKK", 9),
    DemoCategory("BPJS Kesehatan dan UHC", "DKK", 15),
    DemoCategory("Demam berdarah dan fogging", "DKK", 6),
    DemoCategory("Stunting dan posyandu", "DKK", 3),
    DemoCategory("Pengawasan makanan dan minuman", "DKK", 2),
    DemoCategory("KTP elektronik", "Disdukcapil", 14),
    DemoCategory("Kartu keluarga", "Disdukcapil", 8),
    DemoCategory("Akta kelahiran dan kematian", "Disdukcapil", 6),
    DemoCategory("Kartu identitas anak", "Disdukcapil", 2),
    DemoCategory("Pindah datang penduduk", "Disdukcapil", 3),
    DemoCategory("Pajak bumi dan bangunan", "BPPKAD", 12),
    DemoCategory("Pajak daerah lainnya", "BPPKAD", 4),
    DemoCategory("Aset daerah", "BPPKAD", 3),
    DemoCategory("Perizinan berusaha (OSS)", "DPMPTSP", 6),
    DemoCategory("Persetujuan bangunan gedung (PBG)", "DPMPTSP", 5),
    DemoCategory("Izin reklame", "DPMPTSP", 2),
    DemoCategory("Pasar tradisional", "Disdag", 12),
    DemoCategory("Harga dan ketersediaan bahan pokok", "Disdag", 5),
    DemoCategory("Metrologi dan tera", "Disdag", 2),
    DemoCategory("UMKM dan koperasi", "Diskopukmperin", 6),
    DemoCategory("Pelatihan kerja dan pencari kerja", "Disnaker", 5),
    DemoCategory("Hubungan industrial dan upah", "Disnaker", 5),
    DemoCategory("Rumah tidak layak huni", "Disperumkimtan", 8),
    DemoCategory("Rusunawa", "Disperumkimtan", 4),
    DemoCategory("Sertifikat dan pertanahan", "Disperumkimtan", 3),
    DemoCategory("Permakaman", "Disperumkimtan", 3),
    DemoCategory("Kebakaran dan penyelamatan", "Damkar", 4),
    DemoCategory("Sarang tawon dan hewan liar", "Damkar", 4),
    DemoCategory("Bencana dan kedaruratan", "BPBD", 4),
    DemoCategory("Perlindungan perempuan dan anak", "DP3AP2KB", 4),
    DemoCategory("Keluarga berencana", "DP3AP2KB", 2),
    DemoCategory("Pertanian dan ketahanan pangan", "Dispertan KPP", 2),
    DemoCategory("Hewan ternak dan rabies", "Dispertan KPP", 2),
    DemoCategory("Sarana olahraga", "Dispora", 3),
    DemoCategory("Kepemudaan", "Dispora", 1),
    DemoCategory("Cagar budaya", "Disbud", 2),
    DemoCategory("Kesenian dan acara budaya", "Disbud", 2),
    DemoCategory("Objek wisata", "Dispar", 3),
    DemoCategory("Perpustakaan dan arsip", "Disarpus", 1),
    DemoCategory("Website dan aplikasi Pemkot", "Diskominfo SP", 5),
    DemoCategory("Jaringan internet publik (wifi)", "Diskominfo SP", 4),
    DemoCategory("Informasi publik", "Diskominfo SP", 4),
    DemoCategory("Pelayanan kelurahan Laweyan", "Kecamatan Laweyan", 7),
    DemoCategory("Pelayanan kelurahan Serengan", "Kecamatan Serengan", 5),
    DemoCategory("Pelayanan kelurahan Pasar Kliwon", "Kecamatan Pasar Kliwon", 6),
    DemoCategory("Pelayanan kelurahan Jebres", "Kecamatan Jebres", 7),
    DemoCategory("Pelayanan kelurahan Banjarsari", "Kecamatan Banjarsari", 9),
    DemoCategory("Kinerja dan disiplin ASN", "BKPSDM", 4),
    DemoCategory("Rekrutmen ASN dan PPPK", "BKPSDM", 3),
    DemoCategory("Dugaan pungli dan gratifikasi", "Inspektorat", 3),
    DemoCategory("Pembangunan dan musrenbang", "Bappeda", 3),
    DemoCategory("Organisasi kemasyarakatan", "Kesbangpol", 1),
    DemoCategory("Layanan DPRD", "Setwan", 1),
    DemoCategory("Hubungan masyarakat Pemkot", "Setda", 3),
    DemoCategory("Air minum (PDAM)", "", 24),
    DemoCategory("Listrik (PLN)", "", 6),
    DemoCategory("Jalan nasional dan provinsi", "", 4),
    DemoCategory("Kereta api dan stasiun", "", 2),
    DemoCategory("Layanan perbankan", "", 1),
    DemoCategory("Telekomunikasi dan internet rumah", "", 2),
    DemoCategory("Lain-lain", "Setda", 6),
]
