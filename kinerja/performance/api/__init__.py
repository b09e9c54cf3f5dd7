"""REST API for SKPs (Sasaran Kinerja Pegawai), mounted under /api/v1/."""
