"""Background batching of metrics, params and tags, so logging never blocks training.

Points queue in memory and a daemon thread sends them in batches (up to the server's
limits). At exit, or on flush(), the caller waits until the queue is empty. What happens to a
batch that does not land:

- The network or the server is down, or busy (no answer, 408, 429, 502-504): the same batch goes
  again after an exponential backoff (capped), and nothing is dropped. Nothing else could get
  through either, so waiting holds nothing up.
- The server refuses the batch's content (400, 413, 422): the batch is split in halves until the
  one refused point, param or tag is alone; only that is dropped, with a warning, and reported
  by the next flush().
- The server fails on it (500 and other 5xx): it is retried, then split the same way. A single
  point that keeps failing is set aside so later batches go first, and dropped only once the
  server has accepted others since, so a point is never dropped for an outage.
- The run itself is refused (401, 403, 404, 409): the batch is dropped, with a warning.
"""

import atexit
import os
import threading
import time
import uuid
import weakref
from collections import deque
from typing import Deque, Dict, List, Optional, Tuple

from ._checks import checked_metric, checked_pair, warn
from ._client import Client, CrucibleError, backoff

MAX_METRICS = 1000
MAX_PARAMS = 100
MAX_TAGS = 100
FLUSH_INTERVAL_S = 0.5
MAX_BACKOFF_S = 30.0
# A 5xx is retried this often before its batch is split, or before a lone point may be dropped.
RETRIES_BEFORE_SPLIT = 2
FAILURES_BEFORE_DROP = 3

TRANSIENT_STATUSES = {408, 429, 502, 503, 504}
CONTENT_REFUSED_STATUSES = {400, 413, 422}

_live: "weakref.WeakSet[BatchLogger]" = weakref.WeakSet()


class _Batch:
    def __init__(self, batch_id: str, metrics: List[dict], params: List[Tuple[str, str]], tags: List[Tuple[str, str]]):
        # Retries resend the same id, so a batch whose reply was lost is not applied twice.
        self.id = batch_id
        self.metrics = metrics
        self.params = params
        self.tags = tags
        self.failures = 0
        # How many batches had been accepted when this one first failed.
        self.accepted_at_first_failure: Optional[int] = None

    @property
    def size(self) -> int:
        return len(self.metrics) + len(self.params) + len(self.tags)

    def body(self) -> dict:
        return {
            "batchId": self.id,
            "metrics": self.metrics,
            "params": [{"key": k, "value": v} for k, v in self.params],
            "tags": [{"key": k, "value": v} for k, v in self.tags],
        }

    def halves(self) -> Tuple["_Batch", "_Batch"]:
        # A refused batch was applied in no part, so each half is new to the server: a new id.
        # Each split adds one character, and ids stay far below the server's 64.
        items = [("m", m) for m in self.metrics] + [("p", p) for p in self.params] + [("t", t) for t in self.tags]
        middle = len(items) // 2
        return self._part(items[:middle], "0"), self._part(items[middle:], "1")

    def _part(self, items: list, suffix: str) -> "_Batch":
        pick = lambda kind: [item for k, item in items if k == kind]  # noqa: E731
        part = _Batch(self.id + suffix, pick("m"), pick("p"), pick("t"))
        # The good half landing proves the server works, which is what lets a lone point be dropped.
        part.accepted_at_first_failure = self.accepted_at_first_failure
        return part

    def describe(self) -> str:
        if self.metrics:
            point = self.metrics[0]
            return f"metric {point['key']!r} at step {point['step']}"
        if self.params:
            return f"param {self.params[0][0]!r}"
        return f"tag {self.tags[0][0]!r}"


class BatchLogger:
    def __init__(self, client: Client, workspace_id: str, run_id: str):
        self._client = client
        self._path = f"/workspaces/{workspace_id}/runs/{run_id}/log-batch"
        self._metrics: Deque[dict] = deque()
        self._params: Deque[Tuple[str, str]] = deque()
        self._tags: Deque[Tuple[str, str]] = deque()
        # Halves of split batches and retries: sent before new points.
        self._again: Deque[_Batch] = deque()
        # Lone points the server keeps failing on: sent after new points.
        self._set_aside: Deque[_Batch] = deque()
        self._lock = threading.Condition()
        self._in_flight = False
        self._closed = False
        self._pause_until = 0.0
        self._failures_in_a_row = 0
        self._accepted = 0
        self.error: Optional[CrucibleError] = None
        self._thread = threading.Thread(target=self._loop, name=f"crucible-logger-{run_id}", daemon=True)
        self._thread.start()
        _live.add(self)

    def metric(self, key: str, value: float, step: int) -> bool:
        """Queues a point; False (with a warning) when the server would refuse it."""
        point, problem = checked_metric(key, value, step)
        if point is None:
            warn(f"Crucible: metric {key!r} not logged: {problem}", depth=3)
            return False
        with self._lock:
            self._metrics.append(point)
            if len(self._metrics) >= MAX_METRICS:
                self._lock.notify_all()
        return True

    def params(self, items: Dict[str, object]) -> None:
        self._queue_pairs("param", self._params, items)

    def tags(self, items: Dict[str, object]) -> None:
        self._queue_pairs("tag", self._tags, items)

    def _queue_pairs(self, kind: str, queue: Deque[Tuple[str, str]], items: Dict[str, object]) -> None:
        accepted = []
        for key, value in items.items():
            pair, problem = checked_pair(kind, key, value)
            if pair is None:
                warn(f"Crucible: {kind} {key!r} not logged: {problem}", depth=4)
            else:
                accepted.append(pair)
        with self._lock:
            queue.extend(accepted)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until everything queued so far has reached the server (or been dropped with a
        warning); False on timeout. Raises, once, the first refusal since the last flush."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            self._lock.notify_all()
            while self._has_work() or self._in_flight:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._lock.wait(timeout=0.1 if remaining is None else min(0.1, remaining))
            error, self.error = self.error, None
        if error:
            raise error
        return True

    def close(self, timeout: Optional[float] = None) -> bool:
        try:
            return self.flush(timeout)
        finally:
            with self._lock:
                self._closed = True
                self._lock.notify_all()

    def _has_work(self) -> bool:
        return bool(self._metrics or self._params or self._tags or self._again or self._set_aside)

    def _take(self) -> _Batch:
        return _Batch(
            uuid.uuid4().hex,
            [self._metrics.popleft() for _ in range(min(MAX_METRICS, len(self._metrics)))],
            [self._params.popleft() for _ in range(min(MAX_PARAMS, len(self._params)))],
            [self._tags.popleft() for _ in range(min(MAX_TAGS, len(self._tags)))],
        )

    def _next(self) -> Optional[_Batch]:
        """Under the lock: the next batch to send, waiting for one; None once closed and empty."""
        while True:
            if not self._has_work():
                if self._closed:
                    return None
                self._lock.wait(timeout=FLUSH_INTERVAL_S)
                if not self._has_work():
                    continue
            pause = self._pause_until - time.monotonic()
            if pause > 0:
                self._lock.wait(timeout=pause)
                continue
            if self._again:
                return self._again.popleft()
            if self._metrics or self._params or self._tags:
                return self._take()
            return self._set_aside.popleft()

    def _loop(self) -> None:
        while True:
            with self._lock:
                batch = self._next()
                if batch is None:
                    return
                self._in_flight = True
            try:
                self._send(batch)
            finally:
                with self._lock:
                    self._in_flight = False
                    self._lock.notify_all()

    def _send(self, batch: _Batch) -> None:
        try:
            self._client.request("POST", self._path, batch.body(), retries=0)
        except CrucibleError as error:
            self._failed(batch, error)
            return
        except Exception:  # noqa: BLE001 - the network or the server is down: keep the batch
            self._failed(batch, None)
            return
        with self._lock:
            self._accepted += 1
            self._failures_in_a_row = 0
            self._pause_until = 0.0

    def _failed(self, batch: _Batch, error: Optional[CrucibleError]) -> None:
        status = error.status if error else 0
        with self._lock:
            if batch.size == 0:
                # A probe (below) that failed: the server is in trouble, and the point waits.
                if error is None or status in TRANSIENT_STATUSES or status >= 500:
                    self._back_off()
            elif error is None or status in TRANSIENT_STATUSES:
                self._back_off()
                self._again.appendleft(batch)
            elif status in CONTENT_REFUSED_STATUSES:
                if batch.size > 1:
                    self._again.extendleft(reversed(batch.halves()))
                else:
                    self._drop(batch, error)
            elif status >= 500:
                self._back_off()
                batch.failures += 1
                if batch.accepted_at_first_failure is None:
                    batch.accepted_at_first_failure = self._accepted
                if batch.size > 1:
                    if batch.failures < RETRIES_BEFORE_SPLIT:
                        # Behind its other half, if any: that one landing resets the backoff.
                        self._again.append(batch)
                    else:
                        self._again.extendleft(reversed(batch.halves()))
                elif batch.failures >= FAILURES_BEFORE_DROP and self._accepted > batch.accepted_at_first_failure:
                    self._drop(batch, error)
                else:
                    self._set_aside.append(batch)
                    if batch.failures >= FAILURES_BEFORE_DROP:
                        # Nothing else was sent since: an empty batch asks whether the server
                        # takes anything at all, or is down.
                        self._again.append(_Batch(uuid.uuid4().hex, [], [], []))
            else:
                # The run refuses every batch alike (a revoked token, a deleted run): splitting
                # would only multiply the refusals.
                self._drop(batch, error)

    def _back_off(self) -> None:
        self._failures_in_a_row += 1
        self._pause_until = time.monotonic() + backoff(self._failures_in_a_row, MAX_BACKOFF_S)

    def _drop(self, batch: _Batch, error: CrucibleError) -> None:
        what = batch.describe() if batch.size == 1 else f"{batch.size} points, params and tags"
        warn(f"Crucible: {what} not logged: {error.message}")
        if self.error is None:
            self.error = error


@atexit.register
def _flush_all_at_exit() -> None:
    timeout = float(os.environ.get("CRUCIBLE_FLUSH_TIMEOUT_S", "300"))
    for logger in list(_live):
        try:
            logger.close(timeout)
        except CrucibleError:
            pass
