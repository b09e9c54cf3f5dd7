"""A lean multi-row INSERT … RETURNING for the import's large inserts.

``QuerySet.bulk_create`` compiles every value through the ORM's expression machinery, which at
100,000 employees × 27 columns costs most of the import's time. The rows written here are
already validated model instances, so this helper sends them as plain parameters, one
statement per batch, and reads the new primary keys back as ``bulk_create`` does. The database
still enforces every constraint. Where the backend cannot return rows from a multi-row insert,
it falls back to ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connections, models, router

MAX_BATCH = 2000


def _converter(field: models.Field[Any, Any], ops: Any) -> Callable[[Any], Any] | None:
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, (models.JSONField, models.DecimalField, models.UUIDField)):
        return None  # not used by the import's models: refuse rather than guess
    return _same


def _same(value: Any) -> Any:
    return value


def insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert ``objs`` (all new) and set their primary keys."""
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    converters = [_converter(f, connection.ops) for f in fields]
    if not connection.features.can_return_rows_from_bulk_insert or None in converters:
        model._default_manager.using(alias).bulk_create(objs, batch_size=MAX_BATCH)
        return
    auto = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    converted = [(i, c) for i, c in enumerate(converters) if c is not _same]
    values_of = attrgetter(*(f.attname for f in fields))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(MAX_BATCH, connection.ops.bulk_batch_size(fields, objs)))
    # Only quoted model metadata is interpolated; every value is a bound parameter.
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(str(meta.pk.column))}"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params: list[Any] = []
            for obj in batch:
                for field in auto:
                    field.pre_save(obj, add=True)  # sets auto_now(_add) values on the object
                values = list(values_of(obj))
                for index, convert in converted:
                    if values[index] is not None:
                        values[index] = convert(values[index])  # type: ignore[misc]
                params.extend(values)
            cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, params)
            for obj, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = alias


def insert_rows(
    model: type[models.Model], attnames: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert plain value rows (in ``attnames`` order) when the new keys are not needed.

    Columns not named get their field's default, as a model instance would.
    """
    if not rows:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    position = {name: i for i, name in enumerate(attnames)}
    unknown = set(attnames) - {f.attname for f in fields}
    if unknown:
        raise ValueError(f"unknown columns: {sorted(unknown)}")
    converters = [_converter(f, connection.ops) for f in fields]
    if None in converters:
        raise ValueError("insert_rows supports plain, date and datetime columns only")
    defaults = [None if f.attname in position else f.get_default() for f in fields]
    plan = [
        (position.get(f.attname), convert, default)
        for f, convert, default in zip(fields, converters, defaults, strict=True)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(MAX_BATCH, connection.ops.bulk_batch_size(fields, rows)))
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608 - see insert()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params: list[Any] = []
            for row in batch:
                for index, convert, default in plan:
                    value = default if index is None else row[index]
                    params.append(None if value is None else convert(value))  # type: ignore[misc]
            cursor.execute(head + ", ".join([row_sql] * len(batch)), params)
