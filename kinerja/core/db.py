"""Database housekeeping that works on SQLite and PostgreSQL alike."""

from __future__ import annotations

from django.db import connection


def refresh_statistics(*tables: str) -> None:
    """Refresh the query planner's statistics after a bulk load.

    Without them the planner still believes the tables are as small as at creation and may
    choose a full scan over an index (autovacuum would catch up, but only later).
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {quote(table)}")
