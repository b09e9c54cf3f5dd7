"""A trigram index for name search on PostgreSQL.

The directory's name search is ``UPPER(name) LIKE UPPER('%…%')``, which no B-tree can serve.
On PostgreSQL a GIN trigram index over the same expression can; pg_trgm is a trusted extension,
so the database owner may create it. SQLite scans instead (fast enough at city scale). Where the
extension cannot be created, the migration leaves search unindexed rather than failing.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

CREATE = (
    "CREATE INDEX IF NOT EXISTS employee_name_trgm_idx ON employees_employee "
    'USING gin ((UPPER("name"::text)) gin_trgm_ops)'
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(CREATE)
    except DatabaseError:
        logger.warning("pg_trgm is not available: name search stays unindexed")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS employee_name_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("employees", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
