"""SDK tests against a live Crucible server (CRUCIBLE_URL, CRUCIBLE_TOKEN, CRUCIBLE_WORKSPACE)."""

import math
import os
import unittest
import uuid

from crucible import CrucibleError, CrucibleWarning, Experiment, Model, Run, Workspace


class SdkTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace.from_config()
        cls.exp = Experiment(cls.ws, f"sdk-{uuid.uuid4().hex[:8]}")

    def test_logs_metrics_params_tags_and_completes(self):
        with self.exp.start_logging(display_name="basic") as run:
            run.log_params({"lr": 0.01, "epochs": 3})
            run.set_tags({"model": "cnn"})
            for epoch in range(3):
                run.log("accuracy", 0.5 + epoch / 10)
            run.log("loss", float("nan"), step=7)
            run.log_list("lr_schedule", [0.1, 0.01, 0.001])
            run.log_row("confusion", tp=5, fp=1)
            run.log_row("confusion", tp=6, fp=0)
        details = run.get_details()
        self.assertEqual(details["status"], "Completed")
        self.assertEqual(details["params"], {"lr": "0.01", "epochs": "3"})
        self.assertEqual(details["tags"]["model"], "cnn")
        self.assertAlmostEqual(details["metrics"]["accuracy"]["last"], 0.7)
        self.assertEqual(details["metrics"]["accuracy"]["count"], 3)
        self.assertEqual(details["metrics"]["lr_schedule"]["count"], 3)
        self.assertEqual(details["metrics"]["confusion/tp"]["last"], 6)
        self.assertEqual(details["metrics"]["confusion/tp"]["lastStep"], 1)
        self.assertTrue(math.isnan(run.get_metrics()["loss"]))
        history = run.get_metric_history("accuracy")
        self.assertEqual([p["step"] for p in history], [0, 1, 2])

    def test_exception_fails_the_run_and_child_runs_nest(self):
        with self.assertRaises(ZeroDivisionError):
            with self.exp.start_logging(display_name="parent") as parent:
                child = parent.child_run("fold-1")
                child.log("score", 1.0)
                child.complete()
                1 / 0
        self.assertEqual(parent.get_details()["status"], "Failed")
        self.assertIn("ZeroDivisionError", parent.get_details()["tags"]["crucible.error"])
        self.assertEqual(child.get_details()["parentRunId"], parent.id)

    def test_register_only_when_better_than_every_earlier_run(self):
        exp = Experiment(self.ws, f"sdk-best-{uuid.uuid4().hex[:8]}")
        for accuracy in (0.8, 0.9):
            with exp.start_logging() as earlier:
                earlier.log("accuracy", accuracy)
        with exp.start_logging() as run:
            run.log("accuracy", 0.85)
            run.flush()
            best = max(r.get_metrics().get("accuracy", 0) for r in exp.get_runs() if r.id != run.id)
            if run.get_metrics()["accuracy"] > best:
                run.register_model("digits", "outputs/model.pkl")
        self.assertEqual(best, 0.9)
        self.assertNotIn(run.id, [m.run_id for m in Model.list(self.ws, "digits")])
        self.assertEqual(len(exp.get_runs(filter="metrics.accuracy > 0.82")), 2)

    def test_changed_param_is_reported(self):
        run = self.exp.start_logging(display_name="params")
        run.log_param("lr", 0.1)
        run.flush()
        run.log_param("lr", 0.2)
        with self.assertRaises(CrucibleError) as raised:
            run.flush()
        self.assertEqual(raised.exception.code, "BAD_REQUEST")
        self.assertIn("params cannot change", raised.exception.message)

    def test_a_bad_key_in_a_batch_loses_no_other_point(self):
        run = self.exp.start_logging(display_name="bad-key")
        with self.assertWarns(CrucibleWarning):
            for step in range(500):
                run.log("acc", step / 1000, step=step)
                if step == 250:
                    run.log("acc@val", 0.5, step=step)
        run.flush()
        # The same point past the client's check: the server refuses it, and only it.
        run._batch._metrics.extend({"key": key, "value": 1.0, "step": 0, "timestamp": 0} for key in ("ok-a", "bad@key", "ok-b"))
        for step in range(500, 1000):
            run.log("acc", step / 1000, step=step)
        with self.assertWarns(CrucibleWarning), self.assertRaises(CrucibleError) as raised:
            run.flush()
        self.assertEqual(raised.exception.status, 400)
        run.complete()
        metrics = run.get_details()["metrics"]
        self.assertEqual(metrics["acc"]["count"], 1000)
        self.assertEqual(sorted(metrics), ["acc", "ok-a", "ok-b"])
        self.assertEqual([p["step"] for p in run.get_metric_history("acc")], list(range(1000)))

    def test_a_step_past_int64_is_refused_and_every_later_point_arrives(self):
        with self.exp.start_logging(display_name="huge-step") as run:
            run.log("loss", 1.0)
            with self.assertWarns(CrucibleWarning) as warned:
                run.log("loss", 0.5, step=10**20)
            self.assertIn("step", str(warned.warning))
            for _ in range(300):
                run.log("loss", 0.25)
        self.assertEqual(run.get_details()["status"], "Completed")
        self.assertEqual([p["step"] for p in run.get_metric_history("loss")], list(range(301)))

    def test_uploads_and_downloads_files_and_folders(self):
        import hashlib
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            os.makedirs(os.path.join(folder, "model", "weights"))
            big = os.urandom(3 * 1024 * 1024)
            with open(os.path.join(folder, "model", "weights", "layer 1.bin"), "wb") as f:
                f.write(big)
            with open(os.path.join(folder, "model", "config.json"), "w") as f:
                f.write('{"layers": 2}')
            with self.exp.start_logging(display_name="files") as run:
                run.upload_folder("outputs/model", os.path.join(folder, "model"))
                stored = run.upload_file("outputs/notes.txt", os.path.join(folder, "model", "config.json"))
            self.assertEqual(stored["size"], 13)
            self.assertEqual(run.get_file_names("outputs"), ["outputs/model/config.json", "outputs/model/weights/layer 1.bin", "outputs/notes.txt"])
            target = os.path.join(folder, "back", "layer.bin")
            run.download_file("outputs/model/weights/layer 1.bin", target)
            with open(target, "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), hashlib.sha256(big).hexdigest())
            with self.assertRaises(CrucibleError) as raised:
                run.download_file("outputs/missing.bin", target)
            self.assertEqual(raised.exception.status, 404)

    def test_snapshot_of_the_source_folder(self):
        import tarfile
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            for name, content in {".gitignore": "*.ckpt\n", "train.py": "print('hi')\n", "lib/model.py": "W = 1\n", "weights.ckpt": "big"}.items():
                os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
                with open(os.path.join(folder, name), "w") as f:
                    f.write(content)
            with self.exp.start_logging(display_name="snap", snapshot_directory=folder) as run:
                pass
            self.assertEqual(run.get_file_names("snapshot"), ["snapshot/.gitignore", "snapshot/lib/model.py", "snapshot/train.py"])
            archive = os.path.join(folder, "back.tar.gz")
            self.ws._client.download(f"/workspaces/{self.ws.id}/runs/{run.id}/snapshot", archive)
            with tarfile.open(archive) as t:
                self.assertEqual(sorted(t.getnames()), [".gitignore", "lib/model.py", "train.py"])
                self.assertEqual(t.extractfile("train.py").read(), b"print('hi')\n")

    def test_offline_context_outside_a_job(self):
        saved = os.environ.pop("CRUCIBLE_RUN_ID", None)
        try:
            run = Run.get_context()
            run.log("x", 1.0)
            self.assertEqual(run.get_metrics(), {"x": 1.0})
        finally:
            if saved:
                os.environ["CRUCIBLE_RUN_ID"] = saved


if __name__ == "__main__":
    unittest.main()
