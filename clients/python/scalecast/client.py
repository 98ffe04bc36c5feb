"""ScaleCast from Python: log a run's checkpoints and evaluations without blocking training, and ask for answers."""

import atexit
import hashlib
import math
import operator
import os
import re
import urllib.parse
import weakref

from ._http import Http
from ._sender import Sender
from .errors import RefusedError

NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}\Z")
METRIC = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./@:-]{0,127}\Z")
_OPEN = weakref.WeakSet()


class ScaleCast:
    """A connection to ScaleCast with one API key.

    ``url`` is predict-service's (queries), ``ingest_url`` ingest-service's (logging; the same as ``url`` when one
    address routes both). Each defaults to its environment variable: ``SCALECAST_URL``, ``SCALECAST_INGEST_URL``,
    ``SCALECAST_API_KEY``. ``lab`` is needed only with the operator key: a lab's key decides its lab. Events wait
    in a background queue (at most ``max_batch`` or ``max_wait`` seconds) and, while ingest-service is unreachable,
    in the spool file under ``spool_dir`` (default ``~/.cache/scalecast``), sent on the next start.
    """

    def __init__(self, url=None, key=None, *, ingest_url=None, lab=None, spool_dir=None, timeout=10.0,
                 max_batch=500, max_wait=1.0, give_up_after=30.0):
        url = url or os.environ.get("SCALECAST_URL") or "http://127.0.0.1:8080"
        ingest_url = ingest_url or os.environ.get("SCALECAST_INGEST_URL") or url
        key = key or os.environ.get("SCALECAST_API_KEY")
        if lab is not None:
            _name("lab", lab)
        self.lab = lab
        self._query = Http(url, key, timeout)
        ingest = Http(ingest_url, key, timeout)
        spool_dir = spool_dir or os.path.join(os.path.expanduser("~"), ".cache", "scalecast")
        self.spool_path = os.path.join(spool_dir, "spool-%s.jsonl" % _spool_id(ingest_url, key))
        self._sender = Sender(ingest, self.spool_path, max_batch=max_batch, max_wait=max_wait,
                              give_up_after=give_up_after)
        self._ingest = ingest
        _OPEN.add(self)

    def run(self, family, run, params=None, tokens_per_step=None, plan=None):
        """A run to log to; with ``plan`` (a schedule descriptor) its plan is sent to ingest-service now."""
        handle = Run(self, family, run, params, tokens_per_step)
        if plan is not None:
            handle.set_plan(plan)
        return handle

    def flush(self, timeout=None):
        """Waits until every logged event was sent or spooled; raises the first refusal a batch met."""
        done = self._sender.flush(timeout)
        self._raise_pending()
        return done

    def close(self, timeout=30.0):
        """Sends what is queued (spooling what cannot be sent) and stops the background thread."""
        self._sender.close(timeout)
        _OPEN.discard(self)
        self._raise_pending()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def sent(self):
        """Events ingest-service accepted from this client."""
        return self._sender.sent

    @property
    def spooled(self):
        """Events written to the spool file because ingest-service was unreachable."""
        return self._sender.spooled

    # Queries: plain dicts, as predict-service answers them.

    def predict(self, family, params, tokens, law=None):
        return self._query.get(_family_path(family, "predictions"), params=params, tokens=tokens, law=law,
                               lab=self.lab)

    def compute_optimal(self, family, flops, law=None):
        return self._query.get(_family_path(family, "compute-optimal"), flops=flops, law=law, lab=self.lab)

    def curve(self, family, params=None, tokens_max=None, steps=None, law=None):
        return self._query.get(_family_path(family, "curve"), params=params, tokensMax=tokens_max, steps=steps,
                               law=law, lab=self.lab)

    def downstream(self, family, params, tokens, benchmark, law=None):
        return self._query.get(_family_path(family, "downstream"), params=params, tokens=tokens,
                               benchmark=benchmark, law=law, lab=self.lab)

    def forecast(self, family, run, schedule=None):
        return self._query.get(_family_path(family, "runs", run, "forecast"), schedule=schedule, lab=self.lab)

    def alerts(self, family=None, since=None):
        return self._query.get("/api/v1/alerts", family=family, since=since, lab=self.lab)

    def families(self):
        return self._query.get("/api/v1/families", lab=self.lab)

    def next_runs(self, family, params=None, tokens=None, flops=None, candidates=None, budget=None,
                  checkpoints=None, limit=None, law=None):
        """Which runs to train next for a target (``params`` and ``tokens``, or ``flops``): the candidates ranked by
        how much each narrows the target's 95% interval per FLOP, and the check run to train before betting on it.

        ``candidates`` lists the runs the lab can train as (N, D) pairs; by default predict-service's grid.
        """
        listed = None if candidates is None else ",".join("%r:%r" % (float(n), float(d)) for n, d in candidates)
        return self._query.get(_family_path(family, "next-runs"), params=params, tokens=tokens, flops=flops,
                               candidates=listed, budget=budget, checkpoints=checkpoints, limit=limit, law=law,
                               lab=self.lab)

    def compare(self, families, params, tokens, benchmark=None, law=None, versions=None):
        """Whether two laws differ at (``params``, ``tokens``): two families' (``families=("base", "recipe")``), or
        two versions of one family's (``families="base", versions=(3, 7)``), on the loss and, with ``benchmark``, on
        its error."""
        return self._query.get("/api/v1/compare", families=families, params=params, tokens=tokens,
                               benchmark=benchmark, law=law, versions=versions, lab=self.lab)

    def _submit(self, kind, event):
        self._raise_pending()
        if self.lab is not None:
            event["lab"] = self.lab
        self._sender.submit(kind, event)

    def _raise_pending(self):
        error = self._sender.take_error()
        if error is not None:
            raise error


class Run:
    """One training run of a family: its checkpoints and evaluations go to ScaleCast in the background."""

    def __init__(self, client, family, run, params=None, tokens_per_step=None):
        self._client = client
        self.family = _name("family", family)
        self.run = _run_name(run)
        self.params = None if params is None else _positive("params", params)
        self.tokens_per_step = None if tokens_per_step is None else _positive("tokens_per_step", tokens_per_step)

    def log(self, step, loss=None, lr=None, tokens=None, params=None, metric="loss", value=None):
        """Logs a checkpoint: its loss (or ``value`` of ``metric``), learning rate and tokens seen so far.

        ``tokens`` defaults to ``step`` × ``tokens_per_step``; ``params`` to the run's. Bad values raise
        ``ValueError`` naming the field before anything is queued.
        """
        value = loss if value is None else value
        event = self._header(step, tokens, params)
        event["metric"] = _pattern("metric", metric, METRIC)
        event["value"] = _finite("loss" if value is loss else "value", value)
        if "loss" in metric.lower() and event["value"] <= 0:
            raise ValueError("loss: a loss must be > 0, was %r" % value)
        if lr is not None:
            event["learningRate"] = _non_negative("lr", lr)
        self._client._submit("checkpoints", event)

    def log_eval(self, step, benchmark, metric, value, chance=None, tokens=None, params=None):
        """Logs a downstream evaluation of the checkpoint at ``step``."""
        event = self._header(step, tokens, params)
        event["benchmark"] = _pattern("benchmark", benchmark, METRIC)
        event["metric"] = _pattern("metric", metric, METRIC)
        event["value"] = _finite("value", value)
        if metric.lower() in ("accuracy", "error", "pass_rate") or metric.lower().startswith("acc"):
            if not 0 <= event["value"] <= 1:
                raise ValueError("value: a %s must lie in [0, 1], was %r" % (metric, value))
        if chance is not None:
            if not (isinstance(chance, (int, float)) and 0 <= chance < 1):
                raise ValueError("chance: must lie in [0, 1), was %r" % (chance,))
            event["chance"] = float(chance)
        self._client._submit("evals", event)

    def set_plan(self, schedule):
        """Sends the run's plan (a schedule descriptor such as ``wsd,peak=3e-4,...``) to ingest-service now."""
        body = {"schedule": schedule}
        if self.params is not None:
            body["params"] = self.params
        if self.tokens_per_step is not None:
            body["tokensPerStep"] = self.tokens_per_step
        query = "?lab=" + urllib.parse.quote(self._client.lab) if self._client.lab else ""
        return self._client._ingest.request("PUT", _family_path(self.family, "runs", self.run, "plan") + query, body)

    def _header(self, step, tokens, params):
        try:
            whole = None if isinstance(step, bool) else operator.index(step)
        except TypeError:
            whole = None
        if whole is None or whole < 0:
            raise ValueError("step: must be a whole number >= 0, was %r" % (step,))
        step = whole
        params = self.params if params is None else _positive("params", params)
        if params is None:
            raise ValueError("params: is required (give it to run() or to this call)")
        if tokens is None:
            if self.tokens_per_step is None:
                raise ValueError("tokens: is required (or give tokens_per_step to run())")
            tokens = step * self.tokens_per_step
        return {"schemaVersion": 1, "family": self.family, "run": self.run, "params": params,
                "tokens": _positive("tokens", tokens), "step": step}


def _family_path(family, *parts):
    return "/api/v1/families/" + "/".join(urllib.parse.quote(p, safe="") for p in (family,) + parts)


def _spool_id(url, key):
    # Per service and key, never the key itself: the file name must not reveal the secret.
    return hashlib.sha256(("%s|%s" % (url, key)).encode("utf-8")).hexdigest()[:16]


def _name(field, value):
    return _pattern(field, value, NAME)


def _pattern(field, value, pattern):
    if not isinstance(value, str) or not pattern.match(value):
        raise ValueError("%s: must match %s, was %r" % (field, pattern.pattern.rstrip("\\Z"), value))
    return value


def _run_name(run):
    if not isinstance(run, str) or not run.strip():
        raise ValueError("run: is required")
    if len(run) > 200 or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in run):
        raise ValueError("run: must be at most 200 characters without control characters, was %r" % (run,))
    return run


def _number(field, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError("%s: must be a number, was %r" % (field, value)) from None
    return float(value)


def _finite(field, value):
    if value is None:
        raise ValueError("%s: is required" % field)
    number = _number(field, value)
    if not math.isfinite(number):
        raise ValueError("%s: must be finite, was %r" % (field, value))
    return number


def _positive(field, value):
    number = _finite(field, value)
    if number <= 0:
        raise ValueError("%s: must be finite and > 0, was %r" % (field, value))
    return number


def _non_negative(field, value):
    number = _finite(field, value)
    if number < 0:
        raise ValueError("%s: must be finite and >= 0, was %r" % (field, value))
    return number


@atexit.register
def _flush_at_exit():
    # A job that ends without close() still sends (or spools) what it logged.
    for client in list(_OPEN):
        try:
            client.close(timeout=10.0)
        except RefusedError:
            pass
