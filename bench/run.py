"""Run every benchmark in turn and print its figures (see docs/performance.md).

Usage: .venv/bin/python bench/run.py    (DATABASE_URL selects PostgreSQL; default SQLite)
Each benchmark builds its own fresh database, so nothing here touches your data.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ("Import of 100,000 rows and re-import", ["bench_import.py", "--rows", "100000"]),
    ("Directory and profile with ~100,000 employees", ["bench_pages.py", "--scale", "15"]),
    ("Team page and OPD dashboard, demo city", ["bench_performance_pages.py", "--scale", "1"]),
    ("Closing a period, demo city", ["bench_close_period.py", "--scale", "1"]),
    ("Closing a period, ~100,000 employees", ["bench_close_period.py", "--scale", "15"]),
    ("Complaint indicators over 1,000,000 complaints; public page", ["bench_complaints.py"]),
]


def main() -> int:
    failed = 0
    for title, argv in BENCHES:
        print(f"\n=== {title} ===", flush=True)
        result = subprocess.run([sys.executable, str(HERE / argv[0]), *argv[1:]], check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
