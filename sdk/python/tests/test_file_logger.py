"""Run.get_context() in a job without network writes records the worker reads back."""

import json
import math
import os
import tempfile
import unittest
from unittest import mock

from crucible import Run


class FileLoggerTest(unittest.TestCase):
    def test_records_go_to_the_metrics_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "metrics.jsonl")
            with mock.patch.dict(os.environ, {"CRUCIBLE_RUN_ID": "run-1", "CRUCIBLE_METRICS_FILE": path}):
                run = Run.get_context()
                run.log("loss", 0.5)
                run.log("loss", math.nan)
                run.log_row("table", a=1.0)
                run.log_params({"lr": 0.1})
                run.set_tags({"team": "ml"})
                self.assertTrue(run.flush())
            with open(path, encoding="utf-8") as f:
                records = [json.loads(line) for line in f]
        self.assertEqual([r.get("metric") for r in records[:3]], ["loss", "loss", "table/a"])
        self.assertEqual([r["step"] for r in records[:2]], [0, 1])
        self.assertEqual(records[1]["value"], "NaN")
        self.assertEqual(records[3], {"param": "lr", "value": "0.1"})
        self.assertEqual(records[4], {"tag": "team", "value": "ml"})


if __name__ == "__main__":
    unittest.main()
