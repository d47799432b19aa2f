"""Background batching of metrics, params and tags, so logging never blocks training.

Points queue in memory and a daemon thread sends them in batches (up to the server's
limits). A failed send is retried with backoff and nothing is dropped: the same batch goes
again until it lands. At exit, or on flush(), the caller waits until the queue is empty.
"""

import atexit
import os
import threading
import time
import uuid
import weakref
from collections import deque
from typing import Deque, Dict, List, Optional, Tuple

from ._client import Client, CrucibleError, backoff, encode_float

MAX_METRICS = 1000
MAX_PARAMS = 100
MAX_TAGS = 100
FLUSH_INTERVAL_S = 0.5

_live: "weakref.WeakSet[BatchLogger]" = weakref.WeakSet()


class BatchLogger:
    def __init__(self, client: Client, workspace_id: str, run_id: str):
        self._client = client
        self._path = f"/workspaces/{workspace_id}/runs/{run_id}/log-batch"
        self._metrics: Deque[dict] = deque()
        self._params: Deque[Tuple[str, str]] = deque()
        self._tags: Deque[Tuple[str, str]] = deque()
        self._lock = threading.Condition()
        self._in_flight = False
        self._closed = False
        self.error: Optional[CrucibleError] = None
        self._thread = threading.Thread(target=self._loop, name=f"crucible-logger-{run_id}", daemon=True)
        self._thread.start()
        _live.add(self)

    def metric(self, key: str, value: float, step: int) -> None:
        point = {"key": key, "value": encode_float(value), "step": int(step), "timestamp": int(time.time() * 1000)}
        with self._lock:
            self._metrics.append(point)
            if len(self._metrics) >= MAX_METRICS:
                self._lock.notify()

    def params(self, items: Dict[str, object]) -> None:
        with self._lock:
            self._params.extend((str(k), str(v)) for k, v in items.items())

    def tags(self, items: Dict[str, object]) -> None:
        with self._lock:
            self._tags.extend((str(k), str(v)) for k, v in items.items())

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until everything queued so far has reached the server; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            self._lock.notify()
            while self._metrics or self._params or self._tags or self._in_flight:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._lock.wait(timeout=0.1 if remaining is None else min(0.1, remaining))
        if self.error:
            raise self.error
        return True

    def close(self, timeout: Optional[float] = None) -> bool:
        done = self.flush(timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        return done

    def _take(self) -> Optional[dict]:
        if not (self._metrics or self._params or self._tags):
            return None
        batch = {
            # Retries resend the same id, so a batch whose reply was lost is not applied twice.
            "batchId": uuid.uuid4().hex,
            "metrics": [self._metrics.popleft() for _ in range(min(MAX_METRICS, len(self._metrics)))],
            "params": [{"key": k, "value": v} for k, v in (self._params.popleft() for _ in range(min(MAX_PARAMS, len(self._params))))],
            "tags": [{"key": k, "value": v} for k, v in (self._tags.popleft() for _ in range(min(MAX_TAGS, len(self._tags))))],
        }
        self._in_flight = True
        return batch

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not (self._metrics or self._params or self._tags):
                    if self._closed:
                        return
                    self._lock.wait(timeout=FLUSH_INTERVAL_S)
                batch = self._take()
            if batch is None:
                continue
            self._send(batch)
            with self._lock:
                self._in_flight = False
                self._lock.notify_all()

    def _send(self, batch: dict) -> None:
        attempt = 0
        while True:
            try:
                self._client.request("POST", self._path, batch, retries=0)
                return
            except CrucibleError as error:
                if error.status in (408, 429) or error.status >= 500:
                    pass  # the server is busy or restarting: keep the batch and try again
                else:
                    # A refused batch (bad value, changed param) would be refused forever.
                    self.error = error
                    return
            except Exception:  # noqa: BLE001 - the network or the server is down; keep the batch
                pass
            attempt += 1
            time.sleep(backoff(min(attempt, 6)))


@atexit.register
def _flush_all_at_exit() -> None:
    timeout = float(os.environ.get("CRUCIBLE_FLUSH_TIMEOUT_S", "300"))
    for logger in list(_live):
        try:
            logger.close(timeout)
        except CrucibleError:
            pass
