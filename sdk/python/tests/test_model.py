"""The model registry from the SDK against a live Crucible server."""

import os
import tempfile
import unittest
import uuid

from crucible import CrucibleError, Experiment, Model, Workspace


class ModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace.from_config()

    def test_registers_a_folder_aliases_and_downloads_it(self):
        name = f"sdk-model-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as source:
            os.makedirs(os.path.join(source, "sub"))
            with open(os.path.join(source, "MLmodel"), "w") as f:
                f.write("flavors:\n  python_function:\n    loader_module: m\n")
            with open(os.path.join(source, "sub", "weights.bin"), "wb") as f:
                f.write(os.urandom(30_000))
            first = Model.register(self.ws, source, name, tags={"stage": "dev"}, description="first")
            self.assertEqual((first.version, first.type, first.file_count), (1, "mlflow_model", 2))
            self.assertEqual(first.tags, {"stage": "dev"})
            self.assertEqual(list(first.flavors or {}), ["python_function"])
            second = Model.register(self.ws, os.path.join(source, "sub", "weights.bin"), name)
            self.assertEqual((second.version, second.type), (2, "custom_model"))

            first.set_alias("champion")
            self.assertEqual(Model(self.ws, name, "champion").version, 1)
            self.assertEqual(Model(self.ws, name).version, 2)
            self.assertIn(name, [m.name for m in Model.list(self.ws)])
            with tempfile.TemporaryDirectory() as target:
                folder = Model(self.ws, name, 1).download(target)
                with open(os.path.join(source, "sub", "weights.bin"), "rb") as a, open(os.path.join(folder, "sub", "weights.bin"), "rb") as b:
                    self.assertEqual(a.read(), b.read())
                with self.assertRaises(FileExistsError):
                    Model(self.ws, name, 1).download(target)
                Model(self.ws, name, 2).download(target, exist_ok=True)
                self.assertTrue(os.path.isfile(os.path.join(target, "weights.bin")))

    def test_a_run_registers_its_outputs(self):
        name = f"sdk-run-model-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as source:
            with open(os.path.join(source, "model.pkl"), "wb") as f:
                f.write(b"pickled")
            with Experiment(self.ws, "sdk-models").start_logging() as run:
                run.upload_file("outputs/model/model.pkl", os.path.join(source, "model.pkl"))
                model = run.register_model(name, "outputs/model", tags={"from": "run"})
                with self.assertRaises(CrucibleError) as outside:
                    run.register_model(name, "../elsewhere")
        self.assertEqual((model.version, model.run_id, model.tags), (1, run.id, {"from": "run"}))
        self.assertEqual(outside.exception.code, "BAD_REQUEST")

    def test_a_missing_model_is_an_error(self):
        with self.assertRaises(CrucibleError) as caught:
            Model(self.ws, f"missing-{uuid.uuid4().hex[:8]}")
        self.assertEqual(caught.exception.code, "NOT_FOUND")


if __name__ == "__main__":
    unittest.main()
