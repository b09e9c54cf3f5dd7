"""What the demo's assessors, employees and leaders write (Bahasa Indonesia): reasons for a
rating other than the recommendation, notes, keberatan and their decisions, the basis of a unit
predikat and the reasons for an exception to the distribution rule."""

OVERRIDE_UP = [
    "Realisasi tertahan oleh penundaan anggaran kegiatan di luar kendali pegawai; mutu hasil "
    "kerja yang diserahkan sangat baik.",
    "Pegawai menangani tugas tambahan tim kerja lintas bidang yang belum tercantum dalam IKI.",
    "Target kuantitas tidak lagi sesuai setelah sebagian kegiatan dialihkan ke bidang lain; "
    "hasil kerja yang tersisa memenuhi ekspektasi.",
    "Pegawai menggantikan rekan yang cuti melahirkan selama dua bulan di samping tugasnya sendiri.",
]
OVERRIDE_DOWN = [
    "Sebagian besar dokumen harus direvisi berulang kali; jumlahnya tercapai tetapi mutunya "
    "belum memenuhi ekspektasi.",
    "Realisasi termasuk pekerjaan yang diselesaikan rekan satu tim; kontribusi pegawai sendiri "
    "lebih kecil dari angka yang dilaporkan.",
    "Bukti dukung beberapa realisasi tidak lengkap sehingga tidak dapat diverifikasi.",
    "Laporan utama terlambat diserahkan dan harus diselesaikan oleh pejabat penilai.",
]
NOTES = [
    "Pertahankan ketepatan waktu penyampaian laporan.",
    "Perlu meningkatkan kelengkapan bukti dukung setiap kegiatan.",
    "Kinerja baik; siap diberi tanggung jawab koordinasi tim kerja.",
    "Ikuti pelatihan penyusunan laporan kinerja pada triwulan berikutnya.",
]
SHORTFALL_NOTES = [
    "Sebagian kegiatan tertunda menunggu pencairan anggaran perubahan.",
    "Data dari bidang lain baru diterima pada akhir triwulan.",
    "Aplikasi pendukung tidak dapat diakses selama dua minggu.",
]

OBJECTION_REASONS = {
    "hasil": [
        "Dua laporan yang saya selesaikan pada akhir periode belum dihitung karena bukti "
        "dukungnya baru diverifikasi setelah penilaian.",
        "Target kuantitas tidak disesuaikan padahal sebagian kegiatan dipindahkan ke bidang lain "
        "di tengah periode.",
        "Saya menjadi sekretaris tim kerja lintas bidang yang hasilnya tidak tercermin dalam IKI; "
        "mohon dipertimbangkan.",
    ],
    "perilaku": [
        "Perilaku kerja saya dinilai di bawah ekspektasi tanpa pernah dibahas dalam dialog "
        "kinerja maupun umpan balik.",
        "Keterlambatan yang dijadikan dasar penilaian perilaku terjadi saat saya bertugas luar "
        "dengan surat tugas.",
    ],
}
GRANT_REASONS = [
    "Bukti dukung yang dilampirkan sah dan belum diperhitungkan pejabat penilai; rating "
    "disesuaikan.",
    "Hasil klarifikasi dengan pejabat penilai menunjukkan penilaian belum memperhitungkan tugas "
    "tambahan yang diperintahkan secara tertulis.",
]
REJECT_REASONS = [
    "Setelah bukti dukung diperiksa, capaian IKI utama tetap di bawah target; penilaian pejabat "
    "penilai sudah sesuai.",
    "Catatan dialog kinerja dan umpan balik selama periode mendukung penilaian pejabat penilai.",
]
BASIS = (
    "Hasil evaluasi akuntabilitas kinerja {unit} ({period}) dan capaian Perjanjian Kinerja; "
    "usulan Bagian Organisasi Setda."
)
#: Written reasons for a broken clause: the unit's own circumstances.
MANY_ABOVE = (
    "Unit menjalankan program prioritas daerah dengan tambahan beban kerja; capaian pegawai "
    "yang melampaui target telah diverifikasi dalam rapat kalibrasi."
)
MANY_BELOW = (
    "Beberapa pegawai berada dalam masa penyesuaian setelah mutasi; pembinaan telah dijadwalkan "
    "dan tidak ada dasar mengubah predikat demi kurva."
)
VERIFIED = (
    "Seluruh predikat telah diverifikasi terhadap capaian dan bukti dukung; tidak ada dasar "
    "mengubah predikat pegawai hanya untuk memenuhi kurva."
)
SMALL_UNIT = (
    "Unit kecil dengan tugas yang seragam; sebaran predikat mengikuti capaian yang terukur."
)
NONE_BELOW = (
    "Tidak ada pegawai dengan hasil kerja di bawah ekspektasi pada periode ini; seluruh IKI "
    "utama tercapai dan terverifikasi."
)
