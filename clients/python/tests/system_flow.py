"""The client against the real services, one phase per test class, run in order by system-tests' PythonClientTest.

That test starts ingest-, fit- and predict-service on the real broker and database, issues an admin key of a fresh
lab, and between phases stops and restarts ingest-service and counts the rows it stored. The environment names the
services (SCALECAST_URL, SCALECAST_INGEST_URL), the key (SCALECAST_API_KEY), the family (SCALECAST_FAMILY), another
lab (SCALECAST_OTHER_LAB) and the spool directory (SCALECAST_SPOOL_DIR).
"""

import math
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from scalecast import RefusedError, ScaleCast  # noqa: E402

FAMILY = os.environ.get("SCALECAST_FAMILY", "py")
SIZES = [2e7, 5e7, 1.2e8, 3e8, 7e8]
# Hoffmann et al.'s fit as Besiroglu et al. refit it: the law the logged losses follow.
E, A, B, ALPHA, BETA = 1.81724, 477.84, 2143.86, 0.347313, 0.367183
TOKENS_PER_STEP = 2 ** 20


def loss(params, tokens):
    return E + A / params ** ALPHA + B / tokens ** BETA


def client(**kwargs):
    return ScaleCast(spool_dir=os.environ["SCALECAST_SPOOL_DIR"], **kwargs)


def steps(params):
    """Ten checkpoints to 20 tokens per parameter."""
    last = int(20 * params / TOKENS_PER_STEP)
    return [max(1, last * k // 10) for k in range(1, 11)]


class Log(unittest.TestCase):
    """Five sizes of ten checkpoints with a hellaswag accuracy each, sent in the background and all accepted."""

    def test_logs_a_family(self):
        with client() as sc:
            for params in SIZES:
                run = sc.run(FAMILY, "n%.0e" % params, params=params, tokens_per_step=TOKENS_PER_STEP)
                for step in steps(params):
                    run.log(step, loss=loss(params, step * TOKENS_PER_STEP), lr=3e-4)
                    run.log_eval(step, "hellaswag", "accuracy", 0.7 - 0.1 * math.log(loss(params, step * 2 ** 20)),
                                 chance=0.25)
            self.assertTrue(sc.flush(timeout=60))
        self.assertEqual(sc.sent, 100)
        self.assertEqual(sc.spooled, 0)


class Query(unittest.TestCase):
    """The law of the logged family answers as the known law does, as plain dicts."""

    def test_queries(self):
        sc = client()
        deadline = time.monotonic() + 120
        while True:
            try:
                answer = sc.predict(FAMILY, params=7e9, tokens=1.4e11)
                if answer["watermark"]["points"] == 50:
                    break
            except RefusedError as refused:
                self.assertEqual(refused.status, 404)
            self.assertLess(time.monotonic(), deadline, "no law on the 50 logged points within 120 s")
            time.sleep(1)
        truth = loss(7e9, 1.4e11)
        self.assertAlmostEqual(answer["loss"], truth, delta=0.01 * truth)
        # The logged losses carry no noise: the bootstrap's interval may shrink to the loss itself.
        self.assertLessEqual(answer["interval"]["lower"], answer["loss"])
        self.assertGreaterEqual(answer["interval"]["upper"], answer["loss"])
        optimal = sc.compute_optimal(FAMILY, flops=5.76e23)
        self.assertGreater(optimal["params"], 1e10)
        curve = sc.curve(FAMILY, params=[7e9])
        self.assertEqual([c["params"] for c in curve["curves"]], [7e9])
        self.assertEqual([f["family"] for f in sc.families()], [FAMILY])
        plan = sc.next_runs(FAMILY, params=7e9, tokens=1.4e11, candidates=[(1e9, 2e10), (2e8, 1.6e10)])
        self.assertEqual(sorted(c["params"] for c in plan["candidates"]), [2e8, 1e9])
        # The check run: twice the largest logged size (7e8) at the target's 20 tokens per parameter.
        self.assertAlmostEqual(plan["checkRun"]["params"], 1.4e9, delta=1)
        self.assertAlmostEqual(plan["checkRun"]["tokensPerParam"], 20, delta=1e-9)
        with self.assertRaises(RefusedError) as refused:
            sc.compare((FAMILY, "nobody"), 7e9, 1.4e11)
        self.assertEqual(refused.exception.status, 404)
        self.assertEqual(sc.alerts(family=FAMILY), [])
        with self.assertRaises(RefusedError) as refused:
            sc.forecast(FAMILY, "nobody")
        self.assertEqual(refused.exception.status, 404)
        with self.assertRaises(RefusedError) as refused:
            sc.predict(FAMILY, params=-1, tokens=1e9)
        self.assertEqual((refused.exception.status, refused.exception.field), (400, "params"))
        sc.close()


class Spool(unittest.TestCase):
    """ingest-service is stopped: twenty checkpoints of a new run go to the spool, none is lost."""

    def test_spools(self):
        sc = client(give_up_after=2.0)
        run = sc.run(FAMILY, "late", params=1e8, tokens_per_step=TOKENS_PER_STEP)
        started = time.monotonic()
        for step in range(100, 2100, 100):
            run.log(step, loss=loss(1e8, step * TOKENS_PER_STEP))
        self.assertLess(time.monotonic() - started, 0.5, "logging does not wait for a stopped service")
        sc.close()
        self.assertEqual((sc.sent, sc.spooled), (0, 20))
        self.assertTrue(os.path.exists(sc.spool_path))


class Replay(unittest.TestCase):
    """ingest-service is back: the next start sends the spool; a batch sent twice is accepted twice, stored once."""

    def test_replays(self):
        sc = client()
        self.assertTrue(sc.flush(timeout=60))
        self.assertEqual(sc.sent, 20)
        self.assertFalse(os.path.exists(sc.spool_path))
        run = sc.run(FAMILY, "late", params=1e8, tokens_per_step=TOKENS_PER_STEP)
        for step in range(100, 1100, 100):
            run.log(step, loss=loss(1e8, step * TOKENS_PER_STEP))
        sc.close()
        self.assertEqual(sc.sent, 30)


class Refused(unittest.TestCase):
    """A batch for another lab than the key's is refused: the error names the field, at the next call."""

    def test_refused(self):
        sc = client(lab=os.environ["SCALECAST_OTHER_LAB"])
        sc.run(FAMILY, "r1", params=1e8, tokens_per_step=TOKENS_PER_STEP).log(10, loss=3.0)
        with self.assertRaises(RefusedError) as refused:
            sc.flush(timeout=30)
        self.assertEqual((refused.exception.status, refused.exception.field, refused.exception.index),
                         (403, "lab", 0))
        sc.close()


if __name__ == "__main__":
    unittest.main()
