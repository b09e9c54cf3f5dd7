"""Importing employees from a SIASN-style export (CSV or XLSX); see docs/import.md.

The pipeline is parse → validate → plan → apply:

- :mod:`.columns` maps header spellings onto our columns,
- :mod:`.parsing` turns a row of text into typed values,
- :mod:`.state` loads what the instansi already holds,
- :mod:`.planning` decides create / update / unchanged / reject per row (the dry run),
- :mod:`.applying` writes a plan in one transaction,
- :mod:`.jobs` runs all of it for a file or an :class:`~kinerja.employees.models.ImportJob`.
"""

from kinerja.employees.importing.jobs import ImportOutcome, apply_job, import_file, preview_job
from kinerja.employees.importing.planning import ImportFileError, Rejection

__all__ = [
    "ImportFileError",
    "ImportOutcome",
    "Rejection",
    "apply_job",
    "import_file",
    "preview_job",
]
