"""The client against a stub service over real HTTP: batching, retries, the spool, refusals and the adapters."""

import os
import socket
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from scalecast import HuggingFaceCallback, LightningLogger, RefusedError, ScaleCast  # noqa: E402
from stub import Stub  # noqa: E402


def free_url():
    """The URL of a port nothing listens on: a service that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % s.getsockname()[1]


class ClientTest(unittest.TestCase):

    def setUp(self):
        self.stub = Stub()
        self.spool_dir = tempfile.mkdtemp()

    def tearDown(self):
        self.stub.close()

    def client(self, url=None, **kwargs):
        kwargs.setdefault("spool_dir", self.spool_dir)
        return ScaleCast(url or self.stub.url, "sc_000000000000_secret", **kwargs)

    def test_events_are_batched_in_the_background_without_blocking_the_loop(self):
        self.stub.delay = 0.3
        sc = self.client()
        run = sc.run("fam", "r1", params=1e8, tokens_per_step=4096)
        started = time.monotonic()
        for step in range(1, 1201):
            run.log(step, loss=4.0 - step / 1000, lr=3e-4)
        logging = time.monotonic() - started
        sc.close()
        self.assertLess(logging, 0.5, "1,200 log calls against a slow service")
        events = self.stub.events()
        self.assertEqual([e["step"] for e in events], list(range(1, 1201)))
        self.assertTrue(all(len(b) <= 500 for b in self.stub.batches()))
        self.assertEqual(len(self.stub.batches()), 3)
        self.assertEqual(events[0], {"schemaVersion": 1, "family": "fam", "run": "r1", "params": 1e8,
                                     "tokens": 4096.0, "step": 1, "metric": "loss", "value": 3.999,
                                     "learningRate": 3e-4})
        self.assertEqual(self.stub.requests[0][2], "Bearer sc_000000000000_secret")

    def test_a_few_events_go_within_about_a_second(self):
        sc = self.client()
        sc.run("fam", "r1", params=1e8, tokens_per_step=1).log(10, loss=3.0)
        deadline = time.monotonic() + 3
        while not self.stub.events() and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(len(self.stub.events()), 1)
        sc.close()

    def test_5xx_and_429_are_retried_honouring_retry_after(self):
        self.stub.answers = [(503, {"error": "busy"}, {}), (429, {"error": "slow down"}, {"Retry-After": "1"})]
        sc = self.client()
        started = time.monotonic()
        sc.run("fam", "r1", params=1e8, tokens_per_step=1).log(1, loss=3.0)
        sc.flush(timeout=10)
        self.assertGreaterEqual(time.monotonic() - started, 1.0, "waited out Retry-After")
        self.assertEqual(len(self.stub.events()), 1)
        self.assertEqual(sc.spooled, 0)
        sc.close()

    def test_an_unreachable_service_spools_and_the_next_start_sends_the_spool(self):
        url = free_url()
        down = self.client(url, give_up_after=0.5)
        run = down.run("fam", "r1", params=1e8, tokens_per_step=1)
        for step in range(1, 51):
            run.log(step, loss=3.0 + step / 100)
        down.close()
        self.assertEqual(down.spooled, 50)
        self.assertTrue(os.path.exists(down.spool_path))

        # The service is back at the same address: the next start sends what the spool holds.
        back = Stub(int(url.rsplit(":", 1)[1]))
        try:
            up = self.client(url)
            self.assertEqual(up.spool_path, down.spool_path)
            up.flush(timeout=10)
            up.close()
            self.assertEqual([e["step"] for e in back.events()], list(range(1, 51)))
            self.assertEqual(os.listdir(self.spool_dir), [], "the spool is gone once sent")
        finally:
            back.close()

    def test_a_refused_item_raises_naming_its_field_and_the_rest_are_sent(self):
        self.stub.answers = [(400, {"error": "item 1: value: a loss must be > 0", "field": "value", "index": 1}, {})]
        sc = self.client()
        run = sc.run("fam", "r1", params=1e8, tokens_per_step=1)
        for step in range(1, 4):
            run.log(step, loss=3.0)
        with self.assertRaises(RefusedError) as refused:
            sc.flush(timeout=10)
        self.assertEqual(refused.exception.field, "value")
        self.assertEqual(refused.exception.index, 1)
        self.assertEqual([e["step"] for e in self.stub.events()], [1, 3])
        sc.close()

    def test_bad_values_raise_at_once_naming_the_field(self):
        sc = self.client()
        run = sc.run("fam", "r1", params=1e8, tokens_per_step=1)
        cases = [(lambda: run.log(-1, loss=3.0), "step"), (lambda: run.log(1, loss=float("nan")), "loss"),
                 (lambda: run.log(1, loss=-2.0), "loss"), (lambda: run.log(1, loss=3.0, lr=-1), "lr"),
                 (lambda: run.log_eval(1, "hellaswag", "accuracy", 1.5), "value"),
                 (lambda: run.log_eval(1, "hella swag", "accuracy", 0.5), "benchmark"),
                 (lambda: sc.run("Fam!", "r1"), "family"), (lambda: sc.run("fam", "r1", params=0), "params"),
                 (lambda: sc.run("fam", "r2").log(1, loss=3.0), "params")]
        for call, field in cases:
            with self.assertRaises(ValueError) as error:
                call()
            self.assertTrue(str(error.exception).startswith(field + ":"), str(error.exception))
        sc.close()
        self.assertEqual(self.stub.events(), [])

    def test_queries_return_plain_dicts(self):
        self.stub.answers = [(200, {"loss": 2.1, "interval": {"lower": 2.0, "upper": 2.2}}, {})]
        sc = self.client()
        answer = sc.predict("fam", params=7e10, tokens=1.4e12)
        self.assertEqual(answer["loss"], 2.1)
        self.assertEqual(self.stub.requests[-1][1], "/api/v1/families/fam/predictions?params=70000000000.0"
                                                    "&tokens=1400000000000.0")
        self.stub.answers = [(200, {"candidates": [], "checkRun": {"params": 6.4e8}}, {})] * 3
        plan = sc.next_runs("fam", params=7e10, tokens=1.4e12, candidates=[(1e9, 2e10), (3e10, 6e11)], budget=1e22)
        self.assertEqual(plan["checkRun"]["params"], 6.4e8)
        self.assertEqual(self.stub.requests[-1][1], "/api/v1/families/fam/next-runs?params=70000000000.0"
                                                    "&tokens=1400000000000.0&candidates=1000000000.0%3A20000000000.0"
                                                    "%2C30000000000.0%3A600000000000.0&budget=1e%2B22")
        sc.compare(("base", "recipe"), 7e10, 1.4e12, benchmark="avg17")
        self.assertEqual(self.stub.requests[-1][1], "/api/v1/compare?families=base%2Crecipe&params=70000000000.0"
                                                    "&tokens=1400000000000.0&benchmark=avg17")
        sc.compare("base", 7e10, 1.4e12, versions=(3, 7))
        self.assertEqual(self.stub.requests[-1][1], "/api/v1/compare?families=base&params=70000000000.0"
                                                    "&tokens=1400000000000.0&versions=3%2C7")
        self.stub.answers = [(404, {"error": "no laws for family 'x'", "field": None}, {})]
        with self.assertRaises(RefusedError) as refused:
            sc.forecast("x", "r1", schedule="cosine,peak=3e-4,steps=100")
        self.assertEqual(refused.exception.status, 404)
        sc.close()

    def test_the_hugging_face_callback_logs_as_the_trainer_calls_it(self):
        sc = self.client()
        callback = HuggingFaceCallback(sc, "fam", "r1", params=1.2e8, tokens_per_step=2048)
        state = type("State", (), {"global_step": 100})()
        callback.on_log(None, state, "control", logs={"loss": 3.5, "learning_rate": 2e-4, "epoch": 0.1})
        callback.on_log(None, state, "control", logs={"train_runtime": 12.0})
        callback.on_evaluate(None, state, "control", metrics={"eval_loss": 3.6, "eval_accuracy": 0.41,
                                                              "eval_runtime": 3.2, "epoch": 0.1})
        self.assertEqual(callback.on_train_end(None, state, "control"), "control")
        checkpoints = self.stub.events()
        self.assertEqual([(c["metric"], c["value"], c.get("learningRate")) for c in checkpoints],
                         [("loss", 3.5, 2e-4), ("eval_loss", 3.6, None)])
        self.assertEqual(checkpoints[0]["tokens"], 100 * 2048.0)
        evals = self.stub.events("/api/v1/evals")
        self.assertEqual([(e["benchmark"], e["metric"], e["value"]) for e in evals], [("eval", "accuracy", 0.41)])
        sc.close()

    def test_the_lightning_logger_logs_as_the_trainer_calls_it(self):
        sc = self.client()
        logger = LightningLogger(sc, "fam", "r1")
        logger.log_hyperparams({"num_params": 3e8, "tokens_per_step": 1024, "batch_size": 8})
        logger.log_metrics({"train_loss": 3.1, "lr-AdamW": 1e-4}, step=50)
        logger.log_metrics({"eval/arc_easy/accuracy": 0.55}, step=50)
        logger.finalize("success")
        [checkpoint] = self.stub.events()
        self.assertEqual((checkpoint["params"], checkpoint["tokens"], checkpoint["value"],
                          checkpoint["learningRate"]), (3e8, 50 * 1024.0, 3.1, 1e-4))
        [evaluation] = self.stub.events("/api/v1/evals")
        self.assertEqual((evaluation["benchmark"], evaluation["metric"], evaluation["value"]),
                         ("arc_easy", "accuracy", 0.55))
        self.assertEqual((logger.name, logger.version), ("fam", "r1"))
        sc.close()


if __name__ == "__main__":
    unittest.main()
