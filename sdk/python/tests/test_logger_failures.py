"""How the background logger survives a failing server: a stand-in for the studio's log-batch
endpoint that answers what each test needs (outages, 5xx on one point, refusals)."""

import json
import socket
import threading
import time
import unittest
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crucible import CrucibleError, CrucibleWarning, Run
from crucible._client import Client
from crucible._logger import BatchLogger


class StandInStudio:
    """Applies a batch all or nothing, as the studio does, unless `answer(body)` returns a status."""

    def __init__(self, answer=lambda body: None, port=0):
        self.answer = answer
        self.stored = []
        self.params = {}
        self.requests = 0
        self.seen_ids = set()
        studio = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                studio.requests += 1
                status = studio.answer(body)
                if status is None and body["batchId"] not in studio.seen_ids:
                    studio.seen_ids.add(body["batchId"])
                    studio.stored.extend(body["metrics"])
                    studio.params.update({p["key"]: p["value"] for p in body["params"]})
                reply = json.dumps({"code": "ERROR", "message": f"answered {status}"} if status else {"metrics": len(body["metrics"])}).encode()
                self.send_response(status or 200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def steps(self, key):
        return sorted(p["step"] for p in self.stored if p["key"] == key)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def logger_for(url):
    return BatchLogger(Client(url, "cru_test", timeout=5), "w", "r")


class LoggerFailureTest(unittest.TestCase):
    def test_an_outage_loses_nothing(self):
        # Nothing listens at first (connection refused), then the studio answers 503 for a while.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        logger = logger_for(f"http://127.0.0.1:{port}")
        for step in range(50):
            logger.metric("loss", 1.0 / (step + 1), step)
        time.sleep(1.0)
        answers = iter([503, 502, 503])
        studio = StandInStudio(lambda body: next(answers, None), port=port)
        try:
            for step in range(50, 100):
                logger.metric("loss", 0.0, step)
            self.assertTrue(logger.flush(timeout=60))
            self.assertEqual(studio.steps("loss"), list(range(100)))
        finally:
            logger.close(1)
            studio.close()

    def test_a_point_the_server_fails_on_is_dropped_and_later_points_arrive(self):
        studio = StandInStudio(lambda body: 500 if any(m["key"] == "poison" for m in body["metrics"]) else None)
        logger = logger_for(studio.url)
        try:
            for step in range(300):
                logger.metric("acc", 0.5, step)
            logger.metric("poison", 1.0, 0)
            for step in range(300, 600):
                logger.metric("acc", 0.5, step)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                with self.assertRaises(CrucibleError):
                    logger.flush(timeout=90)
            self.assertEqual(studio.steps("acc"), list(range(600)))
            self.assertEqual(studio.steps("poison"), [])
            self.assertTrue(any(issubclass(w.category, CrucibleWarning) and "poison" in str(w.message) for w in caught))
            # The logger goes on: a later batch arrives, and the refusal was reported once.
            logger.metric("acc", 0.9, 600)
            self.assertTrue(logger.flush(timeout=30))
            self.assertEqual(studio.steps("acc")[-1], 600)
        finally:
            logger.close(1)
            studio.close()

    def test_a_refused_param_keeps_the_rest_of_its_batch(self):
        studio = StandInStudio(lambda body: 400 if any(p["key"] == "lr" and p["value"] == "0.2" for p in body["params"]) else None)
        logger = logger_for(studio.url)
        try:
            logger.params({"lr": 0.2, "epochs": 3})
            for step in range(100):
                logger.metric("acc", 0.5, step)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with self.assertRaises(CrucibleError) as raised:
                    logger.flush(timeout=30)
            self.assertEqual(raised.exception.status, 400)
            self.assertEqual(studio.steps("acc"), list(range(100)))
            self.assertEqual(studio.params, {"epochs": "3"})
        finally:
            logger.close(1)
            studio.close()

    def test_points_the_server_would_refuse_are_never_sent(self):
        studio = StandInStudio()
        run = Run(None, "r")
        run._logger = logger_for(studio.url)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                run.log("acc@val", 1.0)
                run.log("a/../b", 1.0)
                run.log("x", 1.0, step=10**20)
                run.log("x", 1.0, step=float("inf"))
                run.log("x", 1.0, step=1.5)
                run.log("x", "high")
                run.log("x", None)
                run.log_params({"bad key!": 1, "long": "v" * 6001})
                run.log("x", float("nan"), step=2**62)
                run.log("y", 1.0, step=10**20)
                run.log("y", 2.0)
            self.assertEqual(sum(issubclass(w.category, CrucibleWarning) for w in caught), 10)
            # Each warning points at the line that logged the point.
            self.assertEqual({w.filename for w in caught}, {__file__})
            self.assertTrue(run.flush(timeout=30))
            self.assertEqual([(p["key"], p["value"], p["step"]) for p in studio.stored], [("x", "NaN", 2**62), ("y", 2.0, 0)])
            self.assertEqual(studio.params, {})
        finally:
            run._logger.close(1)
            studio.close()

if __name__ == "__main__":
    unittest.main()
