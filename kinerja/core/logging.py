"""Logging helpers."""

import logging

from kinerja.core import context


class RequestIdFilter(logging.Filter):
    """Adds the current request id to every record so log lines can be correlated."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current().request_id or "-"
        return True
