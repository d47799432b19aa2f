"""The server's rules for what is logged, checked before anything is queued.

A point the server would refuse is dropped here with a warning: sent, it would only cost a
round trip and a split of the batch it travels in (see _logger.py).
"""

import math
import operator
import re
import time
import warnings
from typing import Any, Optional, Tuple

from ._client import encode_float

# As in the studio's server/services/runs/limits.ts (MLflow's limits).
MAX_KEY_LENGTH = 250
MAX_PARAM_VALUE_LENGTH = 6000
MAX_TAG_VALUE_LENGTH = 5000
# Steps and timestamps are stored as 64-bit integers; timestamps are milliseconds and must
# also be a date (up to the end of year 9999).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_TIMESTAMP_MS = 253_402_300_799_999

_KEY = re.compile(r"[/\w.\- ]*", re.ASCII)


class CrucibleWarning(UserWarning):
    """Something logged was dropped (the server would refuse it, or did)."""


def warn(message: str, depth: int = 1) -> None:
    """`depth`: how many calls up the user's own code is, so the warning points at its line."""
    warnings.warn(message, CrucibleWarning, stacklevel=depth + 1)


def key_problem(key: Any) -> Optional[str]:
    if not isinstance(key, str) or not key:
        return "a key must be a non-empty string"
    if len(key) > MAX_KEY_LENGTH:
        return f"a key has at most {MAX_KEY_LENGTH} characters"
    if not _KEY.fullmatch(key):
        return "a key may use letters, digits, '_', '-', '.', ' ' and '/'"
    if any(part in (".", "..") for part in key.split("/")):
        return "a key must not contain '.' or '..' path parts"
    return None


def checked_metric(key: Any, value: Any, step: Any, timestamp: Optional[Any] = None) -> Tuple[Optional[dict], Optional[str]]:
    """The point as the API takes it, or None and why it would be refused."""
    problem = key_problem(key)
    if problem:
        return None, problem
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None, f"value {value!r} is not a number"
    whole = _whole(step)
    if whole is None or not INT64_MIN <= whole <= INT64_MAX:
        return None, f"step {step!r} is not a 64-bit integer"
    if timestamp is None:
        timestamp = int(time.time() * 1000)
    ms = _whole(timestamp)
    if ms is None or not 0 <= ms <= MAX_TIMESTAMP_MS:
        return None, f"timestamp {timestamp!r} is not a time in milliseconds since 1970"
    return {"key": key, "value": encode_float(number), "step": whole, "timestamp": ms}, None


def checked_pair(kind: str, key: Any, value: Any) -> Tuple[Optional[Tuple[str, str]], Optional[str]]:
    """A param or tag as (key, value) strings, or None and why it would be refused."""
    problem = key_problem(str(key))
    if problem:
        return None, problem
    text = str(value)
    limit = MAX_PARAM_VALUE_LENGTH if kind == "param" else MAX_TAG_VALUE_LENGTH
    # The server counts UTF-16 code units, as JavaScript strings do.
    if len(text.encode("utf-16-le")) // 2 > limit:
        return None, f"a {kind} value has at most {limit} characters"
    return (str(key), text), None


def _whole(number: Any) -> Optional[int]:
    try:
        # Exact for int, bool and NumPy's integer types.
        return operator.index(number)
    except TypeError:
        pass
    try:
        as_float = float(number)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(as_float) or not as_float.is_integer():
        return None
    return int(as_float)
