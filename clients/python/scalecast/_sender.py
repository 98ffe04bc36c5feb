"""Sends events in the background: batched, retried, spooled to a file while ScaleCast is unreachable.

A training loop must never wait on the network. ``Sender.submit`` only appends to a queue; one daemon thread takes
up to ``max_batch`` events (or what a second brought) of one kind, posts them to ingest-service, and retries a 5xx,
a 429 (after its ``Retry-After``) or a dropped connection with exponential backoff. When ingest-service stays
unreachable for ``give_up_after`` seconds, the batch and everything after it go to the spool file (JSON lines,
flushed and synced per batch) and the thread probes every ``probe_every`` seconds; the next ``Sender`` on the same
spool file (the next start of the job) sends what it holds first. Ingest stores an event once per natural key
(lab, family, run, step and metric; for evals also the benchmark), so a batch sent twice, after a timeout whose
answer was lost or from a spool, is stored once.
"""

import collections
import json
import os
import threading
import time

from .errors import RefusedError, UnavailableError

PATHS = {"checkpoints": "/api/v1/checkpoints", "evals": "/api/v1/evals"}


class Sender:
    """The background queue of one client."""

    def __init__(self, http, spool_path, max_batch=500, max_wait=1.0, give_up_after=30.0, probe_every=5.0,
                 max_backoff=8.0):
        self._http = http
        self.spool_path = spool_path
        self.max_batch = max_batch
        self.max_wait = max_wait
        self.give_up_after = give_up_after
        self.probe_every = probe_every
        self.max_backoff = max_backoff
        self._queue = collections.deque()
        self._cond = threading.Condition()
        self._busy = False
        self._closing = False
        self._closed = False
        self._offline = False
        self._last_probe = 0.0
        self._errors = []
        self.sent = 0
        self.spooled = 0
        self._replay_files = []
        self._replay = self._take_spool()
        self._thread = threading.Thread(target=self._run, name="scalecast-sender", daemon=True)
        self._thread.start()

    def submit(self, kind, event):
        """Queues one event of ``kind`` (checkpoints or evals); never blocks on the network."""
        with self._cond:
            if self._closed:
                raise RuntimeError("this ScaleCast client is closed")
            self._queue.append((kind, event))
            if len(self._queue) >= self.max_batch:
                self._cond.notify_all()

    def take_error(self):
        """The first refusal ScaleCast answered a background batch with, once; None when there was none."""
        with self._cond:
            return self._errors.pop(0) if self._errors else None

    def flush(self, timeout=None):
        """Waits until every queued event was sent or spooled; False when ``timeout`` passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._cond.notify_all()
            while self._queue or self._busy or self._replay:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(0.05 if left is None else min(left, 0.05))
        return True

    def close(self, timeout=None):
        """Sends (or spools) what is queued and stops the thread."""
        if self._closed:
            return
        with self._cond:
            self._closing = True
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        with self._cond:
            # Whatever the thread could not finish in time is kept for the next start.
            rest = list(self._queue)
            self._queue.clear()
        for kind, events in _by_kind(rest):
            self._spool(kind, events)

    def _run(self):
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            kind, events = batch
            try:
                self._deliver(kind, events)
            finally:
                self._forget_replayed()
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _next_batch(self):
        with self._cond:
            while True:
                if self._replay:
                    self._busy = True
                    return self._replay.pop(0)
                if self._queue:
                    self._wait_for_batch()
                    return self._pop_batch()
                if self._closed:
                    return None
                self._cond.wait(0.25)

    def _wait_for_batch(self):
        """Waits up to ``max_wait`` from the first queued event for a full batch, unless closing."""
        start = time.monotonic()
        while len(self._queue) < self.max_batch and not self._closing:
            left = self.max_wait - (time.monotonic() - start)
            if left <= 0:
                return
            self._cond.wait(left)

    def _pop_batch(self):
        """Up to ``max_batch`` events of the first queued event's kind, in order; the other kind stays queued."""
        kind = self._queue[0][0]
        events = []
        others = []
        while self._queue and len(events) < self.max_batch:
            item = self._queue.popleft()
            if item[0] == kind:
                events.append(item[1])
            else:
                others.append(item)
        self._queue.extendleft(reversed(others))
        self._busy = True
        return kind, events

    def _deliver(self, kind, events):
        if self._offline and not self._probe_due():
            self._spool(kind, events)
            return
        try:
            self._post_with_retries(kind, events)
            if self._offline:
                self._offline = False
                self._replay_spool()
        except UnavailableError:
            self._offline = True
            self._last_probe = time.monotonic()
            self._spool(kind, events)
        except RefusedError as refused:
            self._refused(kind, events, refused)

    def _probe_due(self):
        return time.monotonic() - self._last_probe >= self.probe_every

    def _post_with_retries(self, kind, events):
        started = time.monotonic()
        delay = 0.25
        budget = 0 if self._offline else self.give_up_after
        while True:
            try:
                self._http.request("POST", PATHS[kind], events)
                with self._cond:
                    self.sent += len(events)
                return
            except UnavailableError as unavailable:
                waited = time.monotonic() - started
                if waited >= (min(budget, 5.0) if self._closing else budget):
                    raise
                pause = unavailable.retry_after if unavailable.retry_after is not None else delay
                time.sleep(min(pause, max(0.0, budget - waited)))
                delay = min(delay * 2, self.max_backoff)

    def _refused(self, kind, events, refused):
        """A refused batch: drop the one item it names and send the rest; keep a key problem's batch for later."""
        with self._cond:
            self._errors.append(refused)
        if refused.status in (401, 403) and refused.index is None:
            # The key, not the events, is at fault: keep them for a start with a good key.
            self._spool(kind, events)
        elif refused.index is not None and 0 <= refused.index < len(events) and len(events) > 1:
            rest = events[:refused.index] + events[refused.index + 1:]
            with self._cond:
                self._replay.insert(0, (kind, rest))

    def _spool(self, kind, events):
        if not events:
            return
        directory = os.path.dirname(self.spool_path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(self.spool_path, "a", encoding="utf-8") as spool:
            spool.write(json.dumps({"kind": kind, "events": events}, allow_nan=False) + "\n")
            spool.flush()
            os.fsync(spool.fileno())
        with self._cond:
            self.spooled += len(events)

    def _take_spool(self):
        """
        The spooled batches, to send first: the spool file is moved aside (with any a crashed run left moved aside)
        and deleted only once each of its batches was sent or spooled again, so a crash meanwhile loses nothing.
        """
        directory = os.path.dirname(self.spool_path) or "."
        name = os.path.basename(self.spool_path)
        if os.path.exists(self.spool_path):
            os.replace(self.spool_path, "%s.%d-%d.replay" % (self.spool_path, os.getpid(), time.monotonic_ns()))
        files = sorted(os.path.join(directory, f) for f in os.listdir(directory)
                       if f.startswith(name + ".") and f.endswith(".replay")) if os.path.isdir(directory) else []
        batches = []
        for path in files:
            with open(path, encoding="utf-8") as spool:
                batches.extend((b["kind"], b["events"]) for b in map(json.loads, filter(str.strip, spool)))
        with self._cond:
            self._replay_files.extend(files)
        return batches

    def _replay_spool(self):
        batches = self._take_spool()
        with self._cond:
            self._replay.extend(batches)

    def _forget_replayed(self):
        with self._cond:
            if self._replay or not self._replay_files:
                return
            files = self._replay_files
            self._replay_files = []
        for path in files:
            os.remove(path)


def _by_kind(items):
    out = collections.OrderedDict()
    for kind, event in items:
        out.setdefault(kind, []).append(event)
    return out.items()
