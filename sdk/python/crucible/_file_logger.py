"""Logging inside a job whose container has no network: lines in a file the worker reads.

The worker sets CRUCIBLE_METRICS_FILE when the host runs containers with network mode `none`;
it picks the file up while the run goes and at its end, so metrics still reach the run.
"""

import json
import threading
import time
from typing import Dict, Optional

from ._client import encode_float


class FileLogger:
    def __init__(self, path: str):
        # Line-buffered, so the worker sees each record as soon as it is logged.
        self._file = open(path, "a", encoding="utf-8", buffering=1)
        self._lock = threading.Lock()

    def _write(self, record: dict) -> None:
        with self._lock:
            self._file.write(json.dumps(record, separators=(",", ":")) + "\n")

    def metric(self, key: str, value: float, step: int) -> None:
        self._write({"metric": key, "value": encode_float(value), "step": int(step), "timestamp": int(time.time() * 1000)})

    def params(self, items: Dict[str, object]) -> None:
        for key, value in items.items():
            self._write({"param": str(key), "value": str(value)})

    def tags(self, items: Dict[str, object]) -> None:
        for key, value in items.items():
            self._write({"tag": str(key), "value": str(value)})

    def flush(self, timeout: Optional[float] = None) -> bool:
        with self._lock:
            self._file.flush()
        return True

    def close(self) -> None:
        with self._lock:
            self._file.close()
