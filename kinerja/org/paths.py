"""Materialised paths of fixed-width digit segments (pure functions)."""

from __future__ import annotations

SEGMENT = 4
_MAX = 10**SEGMENT - 1


def child_path(parent_path: str, index: int) -> str:
    if not 1 <= index <= _MAX:
        raise ValueError(f"child index {index} out of range")
    return f"{parent_path}{index:0{SEGMENT}d}"


def subtree_upper_bound(path: str) -> str:
    """The smallest path greater than every path in the subtree of ``path``.

    Incrementing the last segment as a number gives a bound that sorts correctly under any
    collation, because all paths are made of digits only.
    """
    if not path:
        raise ValueError("empty path")
    head, last = path[:-SEGMENT], int(path[-SEGMENT:])
    if last < _MAX:
        return f"{head}{last + 1:0{SEGMENT}d}"
    return f"{subtree_upper_bound(head)}" if head else "9" * (SEGMENT + 1)


def ancestor_paths(path: str) -> list[str]:
    return [path[:i] for i in range(SEGMENT, len(path), SEGMENT)]


def segment_index(path: str) -> int:
    return int(path[-SEGMENT:])
