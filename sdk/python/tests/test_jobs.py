"""Jobs through the SDK against a live studio with a Docker host named "local" shared with the
workspace: ScriptRunConfig, Experiment.submit, Run.get_context() inside the job, environments
and compute targets."""

import io
import json
import os
import tempfile
import textwrap
import unittest
import uuid
from unittest import mock

from crucible import ComputeTarget, CrucibleError, Environment, Experiment, RunFailedError, ScriptRunConfig, Workspace

TRAIN = """\
import argparse, os
from crucible import Run

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int)
parser.add_argument("--name")
args = parser.parse_args()
run = Run.get_context()
run.log_params({"epochs": args.epochs, "name": args.name})
for epoch in range(args.epochs):
    run.log("accuracy", 0.5 + epoch / 10)
    print(f"epoch {epoch} done", flush=True)
print("config in the code folder:", os.path.exists(".crucible"), flush=True)
"""


class JobsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace.from_config()

    def test_environments_in_azureml_words(self):
        environments = Environment.list(self.ws)
        self.assertIn("crucible-sklearn", environments)
        sklearn = Environment.get(self.ws, "crucible-sklearn", version=1)
        self.assertEqual((sklearn.version, sklearn.is_curated, sklearn.reference()), (1, True, "crucible-sklearn:1"))
        self.assertIn("crucible-sklearn", self.ws.environments)
        with self.assertRaises(CrucibleError) as missing:
            Environment.get(self.ws, "no-such-environment")
        self.assertEqual(missing.exception.status, 404)
        with self.assertRaises(CrucibleError) as no_version:
            Environment.get(self.ws, "crucible-sklearn", version=999)
        self.assertIn("no version 999", no_version.exception.message)

    def test_compute_targets_include_the_shared_host(self):
        local = ComputeTarget(self.ws, "local")
        self.assertEqual((local.type, local.status, local.host_names), ("host", "Online", ["local"]))
        self.assertIn("local", [target.name for target in ComputeTarget.list(self.ws)])
        self.assertIn("local", self.ws.compute_targets)
        with self.assertRaises(CrucibleError) as missing:
            ComputeTarget(self.ws, "no-such-target")
        self.assertEqual(missing.exception.code, "NOT_FOUND")

    def test_a_submitted_script_logs_from_inside_its_job(self):
        exp = Experiment(self.ws, f"submit-{uuid.uuid4().hex[:8]}")
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "train.py"), "w") as f:
                f.write(TRAIN)
            # A token in the folder's CLI config must never travel in the snapshot.
            os.makedirs(os.path.join(folder, ".crucible"))
            with open(os.path.join(folder, ".crucible", "config.json"), "w") as f:
                json.dump({"token": "secret"}, f)
            config = ScriptRunConfig(
                source_directory=folder,
                script="train.py",
                arguments=["--epochs", 4, "--name", "two words"],
                compute_target=ComputeTarget(self.ws, "local"),
                environment=Environment.get(self.ws, "crucible-sklearn"),
                max_run_duration_seconds=300,
            )
            run = exp.submit(config, tags={"origin": "sdk"})
        self.assertIn(f"/runs/{run.id}", run.get_portal_url())
        console = io.StringIO()
        details = run.wait_for_completion(show_output=True, timeout=240, output=console)
        self.assertEqual(details["status"], "Completed", console.getvalue())
        self.assertIn("epoch 3 done", console.getvalue())
        self.assertIn("config in the code folder: False", console.getvalue())
        self.assertEqual(run.get_status(), "Completed")
        self.assertEqual([p["step"] for p in run.get_metric_history("accuracy")], [0, 1, 2, 3])
        self.assertAlmostEqual(run.get_metrics()["accuracy"], 0.8)
        self.assertEqual(details["params"], {"epochs": "4", "name": "two words"})
        self.assertEqual(details["tags"]["origin"], "sdk")
        self.assertEqual([r.id for r in exp.get_runs()], [run.id])

    def test_a_failing_script_raises_on_wait(self):
        exp = Experiment(self.ws, f"fail-{uuid.uuid4().hex[:8]}")
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "fail.py"), "w") as f:
                f.write(textwrap.dedent("import sys\nprint('going down')\nsys.exit(3)\n"))
            run = exp.submit(ScriptRunConfig(source_directory=folder, script="fail.py"))
        with self.assertRaises(RunFailedError) as failed:
            run.wait_for_completion(timeout=240)
        self.assertEqual(failed.exception.status_name, "Failed")
        self.assertIn("3", failed.exception.reason or "")
        self.assertEqual(run.wait_for_completion(raise_on_error=False)["status"], "Failed")

    def test_a_source_folder_over_the_limit_submits_nothing(self):
        exp = Experiment(self.ws, f"big-{uuid.uuid4().hex[:8]}")
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "data.bin"), "wb") as f:
                f.write(os.urandom(64 * 1024))
            with mock.patch.dict(os.environ, {"CRUCIBLE_SNAPSHOT_LIMIT_MB": "0.01"}), self.assertRaises(ValueError) as refused:
                exp.submit(ScriptRunConfig(source_directory=folder, command="ls"))
        self.assertIn("data.bin", str(refused.exception))
        self.assertEqual(exp.get_runs(), [])


if __name__ == "__main__":
    unittest.main()
