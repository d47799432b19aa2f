"""Logging inside a job whose container has no network: lines in a file the worker reads.

The worker sets CRUCIBLE_METRICS_FILE when the host runs containers with network mode `none`;
it picks the file up while the run goes and at its end, so metrics still reach the run.
"""

import json
import threading
from typing import Dict, Optional

from ._checks import checked_metric, checked_pair, warn


class FileLogger:
    def __init__(self, path: str):
        # Line-buffered, so the worker sees each record as soon as it is logged.
        self._file = open(path, "a", encoding="utf-8", buffering=1)
        self._lock = threading.Lock()

    def _write(self, record: dict) -> None:
        with self._lock:
            self._file.write(json.dumps(record, separators=(",", ":")) + "\n")

    def metric(self, key: str, value: float, step: int) -> bool:
        point, problem = checked_metric(key, value, step)
        if point is None:
            warn(f"Crucible: metric {key!r} not logged: {problem}", depth=3)
            return False
        self._write({"metric": key, "value": point["value"], "step": point["step"], "timestamp": point["timestamp"]})
        return True

    def params(self, items: Dict[str, object]) -> None:
        self._write_pairs("param", items)

    def tags(self, items: Dict[str, object]) -> None:
        self._write_pairs("tag", items)

    def _write_pairs(self, kind: str, items: Dict[str, object]) -> None:
        for key, value in items.items():
            pair, problem = checked_pair(kind, key, value)
            if pair is None:
                warn(f"Crucible: {kind} {key!r} not logged: {problem}", depth=4)
            else:
                self._write({kind: pair[0], "value": pair[1]})

    def flush(self, timeout: Optional[float] = None) -> bool:
        with self._lock:
            self._file.flush()
        return True

    def close(self) -> None:
        with self._lock:
            self._file.close()
