"""Fast inserts for bulk work (imports, the audit log of an import, demo data).

``QuerySet.bulk_create`` compiles every value through the ORM's expression machinery, which at
100,000 rows costs most of an import's time. These helpers send already-validated values
straight to the database: on PostgreSQL through ``COPY`` (an order of magnitude faster than
INSERT), elsewhere as multi-row INSERT statements. The database still enforces every
constraint; only quoted model metadata is interpolated into SQL, never a value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connections, models, router

MAX_BATCH = 2000

Converter = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _once(convert: Converter) -> Converter:
    """``convert`` applied once per distinct value: the rows of a bulk load repeat the same few
    timestamps and dates (an import's "now"), and the backend's time-zone adaptation of each
    one is most of the cost of a wide row on SQLite."""
    seen: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        found = seen.get(value, seen)
        if found is seen:
            found = seen[value] = convert(value)
        return found

    return converted


def _sqlite_datetime(value: Any) -> Any:
    """What Django's SQLite backend stores for a datetime (naive UTC text), without its
    per-value checks: a demo load sends hundreds of thousands of distinct instants."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ")


def _converter(field: models.Field[Any, Any], connection: Any, copy: bool) -> Converter:
    """How a Python value of ``field`` is sent: COPY adapts natively, INSERT via the backend."""
    if isinstance(field, models.JSONField):
        if copy:
            return json.dumps
        return lambda value: field.get_db_prep_save(value, connection)
    if copy:
        return _same
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite" and connection.timezone == UTC and settings.USE_TZ:
            return _sqlite_datetime
        return _once(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return _once(connection.ops.adapt_datefield_value)
    if isinstance(field, models.GenericIPAddressField):
        return connection.ops.adapt_ipaddressfield_value
    if isinstance(field, (models.DecimalField, models.UUIDField)):
        return lambda value: field.get_db_prep_save(value, connection)
    return _same


def _write(
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rows: Sequence[Sequence[Any]],
    alias: str,
) -> None:
    """Write value rows (one value per field, in order; ``None`` is NULL)."""
    connection = connections[alias]
    copy = connection.vendor == "postgresql"
    converters = [_converter(f, connection, copy) for f in fields]
    plan = [(i, c) for i, c in enumerate(converters) if c is not _same]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(str(f.column)) for f in fields)

    def converted(row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for index, convert in plan:
            if values[index] is not None:
                values[index] = convert(values[index])
        return values

    with connection.cursor() as cursor:
        if copy:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as stream:
                for row in rows:
                    stream.write_row(converted(row))
            return
        row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        size = max(1, min(MAX_BATCH, connection.ops.bulk_batch_size(list(fields), list(rows))))
        head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [value for row in batch for value in converted(row)]
            cursor.execute(head + ", ".join([row_sql] * len(batch)), params)


def _reserve_keys(model: type[models.Model], count: int, alias: str) -> list[int] | None:
    """New primary keys from the table's sequence (PostgreSQL), so COPY can carry them."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return None
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert ``objs`` (all new, already validated) and set their primary keys."""
    if not objs:
        return
    alias = router.db_for_write(model)
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    auto = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objs:
        for field in auto:
            field.pre_save(obj, add=True)  # sets auto_now(_add) values on the object
    keys = _reserve_keys(model, len(objs), alias)
    if keys is not None:
        for obj, key in zip(objs, keys, strict=True):
            obj.pk = key
        pk = meta.pk
        assert pk is not None
        rows = [[obj.pk, *(getattr(obj, f.attname) for f in fields)] for obj in objs]
        _write(model, [pk, *fields], rows, alias)
    elif connections[alias].features.can_return_rows_from_bulk_insert:
        _insert_returning(model, fields, objs, alias)
    else:
        model._default_manager.using(alias).bulk_create(objs, batch_size=MAX_BATCH)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias


def _insert_returning(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    objs: Sequence[models.Model],
    alias: str,
) -> None:
    connection = connections[alias]
    converters = [_converter(f, connection, False) for f in fields]
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(str(f.column)) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(MAX_BATCH, connection.ops.bulk_batch_size(fields, list(objs))))
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(str(meta.pk.column))}"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params: list[Any] = []
            for obj in batch:
                for field, convert in zip(fields, converters, strict=True):
                    value = getattr(obj, field.attname)
                    params.append(None if value is None else convert(value))
            cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, params)
            for obj, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                obj.pk = pk


def insert_rows(
    model: type[models.Model], attnames: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert plain value rows (in ``attnames`` order) when the new keys are not needed.

    Columns not named get their field's default, as a model instance would.
    """
    if not rows:
        return
    alias = router.db_for_write(model)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    position = {name: i for i, name in enumerate(attnames)}
    unknown = set(attnames) - {f.attname for f in fields}
    if unknown:
        raise ValueError(f"unknown columns: {sorted(unknown)}")
    if len(position) == len(fields) and list(attnames) == [f.attname for f in fields]:
        _write(model, fields, rows, alias)
        return
    plan = [(position.get(f.attname), f.get_default()) for f in fields]
    full = [[default if i is None else row[i] for i, default in plan] for row in rows]
    _write(model, fields, full, alias)
