"""Online and batch endpoints from the SDK against a live Crucible server (with its Docker host)."""

import base64
import io
import os
import tarfile
import tempfile
import unittest
import uuid

from crucible import BatchEndpoint, CrucibleError, Dataset, Model, OnlineDeployment, OnlineEndpoint, Workspace

SCORE_PY = """import json, os

def init():
    global weights
    with open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "weights.txt")) as f:
        weights = [float(w) for w in f.read().split()]

def run(raw_data):
    rows = json.loads(raw_data)["data"]
    if rows == "boom":
        raise ValueError("cannot score boom")
    return {"scores": [sum(w * x for w, x in zip(weights, row)) for row in rows]}
"""

BATCH_SCORE_PY = """import os

def init():
    global weight
    with open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "weights.txt")) as f:
        weight = f.read().split()[0]

def run(mini_batch):
    return [[len(open(path).read()), weight] for path in mini_batch]
"""

# Quick probes, so the test does not wait out Azure's 10 s defaults.
FAST_PROBE = {"period": 0.5, "initial_delay": 0, "timeout": 2, "failure_threshold": 60}


class OnlineEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace.from_config()
        cls.name = f"sdk-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "weights.txt"), "w") as f:
                f.write("1 10")
            cls.model = Model.register(cls.ws, folder, f"{cls.name}-model")

    def test_creates_an_endpoint_with_a_score_py_deployment_and_invokes_it(self):
        endpoint = OnlineEndpoint.create(self.ws, self.name, auth_mode="key", description="from the SDK")
        try:
            self.assertEqual((endpoint.auth_mode, endpoint.traffic), ("key", {}))
            with tempfile.TemporaryDirectory() as code:
                with open(os.path.join(code, "score.py"), "w") as f:
                    f.write(SCORE_PY)
                os.makedirs(os.path.join(code, "__pycache__"))
                with open(os.path.join(code, "__pycache__", "score.cpython.pyc"), "wb") as f:
                    f.write(b"\x00\xff")
                created = OnlineDeployment.create(
                    self.ws,
                    self.name,
                    "blue",
                    model=f"{self.model.name}:{self.model.version}",
                    instance_count=1,
                    code=code,
                    liveness_probe=FAST_PROBE,
                    readiness_probe=FAST_PROBE,
                )
            self.assertEqual((created.name, created.model_version, created.instance_count), ("blue", 1, 1))
            ready = endpoint.wait_for_deployment("blue", timeout=240)
            self.assertEqual(len(ready.instances), 1)
            self.assertEqual(list(endpoint.deployments), ["blue"])

            # Named by the header before any traffic is set, then through the traffic split.
            self.assertEqual(endpoint.invoke({"data": [[1, 2], [3, 0]]}, deployment="blue"), {"scores": [21.0, 3.0]})
            endpoint.update_traffic({"blue": 100})
            self.assertEqual(endpoint.traffic, {"blue": 100})
            self.assertEqual(endpoint.invoke('{"data": [[0, 1]]}'), {"scores": [10.0]})

            with self.assertRaises(CrucibleError) as raised:
                endpoint.invoke({"data": "boom"})
            self.assertEqual(raised.exception.status, 500)
            self.assertIn("cannot score boom", raised.exception.message)
            with self.assertRaises(CrucibleError) as missing:
                endpoint.invoke({"data": []}, deployment="nope")
            self.assertEqual(missing.exception.status, 404)
            self.assertEqual(OnlineEndpoint.get(self.ws, self.name).deployments["blue"].state, "Ready")
        finally:
            endpoint.update_traffic({})
            endpoint.delete()
        with self.assertRaises(CrucibleError) as gone:
            OnlineEndpoint.get(self.ws, self.name)
        self.assertEqual(gone.exception.code, "NOT_FOUND")

    def test_a_deployment_with_bad_code_or_a_missing_model_is_refused(self):
        endpoint = OnlineEndpoint.create(self.ws, f"{self.name}-bad", auth_mode="token")
        try:
            self.assertEqual(endpoint.auth_mode, "token")
            with self.assertRaises(CrucibleError) as no_script:
                OnlineDeployment.create(self.ws, endpoint.name, "blue", model=self.model.name, code={"other.py": "x = 1"})
            self.assertEqual(no_script.exception.code, "BAD_REQUEST")
            self.assertIn("score.py", no_script.exception.message)
            with self.assertRaises(CrucibleError) as no_model:
                OnlineDeployment.create(self.ws, endpoint.name, "blue", model="no-such-model:1", code={"score.py": SCORE_PY})
            self.assertEqual(no_model.exception.code, "BAD_REQUEST")
            self.assertIn("'no-such-model' not found", no_model.exception.message)
        finally:
            endpoint.delete()

    def test_invokes_a_batch_endpoint_on_a_folder_and_waits_for_its_run(self):
        with tempfile.TemporaryDirectory() as folder:
            for i in range(1, 6):
                with open(os.path.join(folder, f"doc{i}.txt"), "w") as f:
                    f.write("x" * i)
            docs = Dataset.upload(self.ws, f"{self.name}-docs", folder, type="uri_folder")
        name = f"{self.name}-batch"
        base = f"/workspaces/{self.ws.id}/batch-endpoints"
        # The SDK invokes batch endpoints; creating one is the CLI's and the REST API's.
        client = self.ws._client
        client.request("POST", base, {"name": name})
        try:
            packed = io.BytesIO()
            with tarfile.open(fileobj=packed, mode="w:gz") as tar:
                script = BATCH_SCORE_PY.encode("utf-8")
                info = tarfile.TarInfo("score.py")
                info.size = len(script)
                tar.addfile(info, io.BytesIO(script))
            client.request(
                "POST",
                f"{base}/{name}/deployments",
                {
                    "endpointName": name,
                    "name": "blue",
                    "model": f"{self.model.name}:{self.model.version}",
                    "compute": "local",
                    "codeArchive": base64.b64encode(packed.getvalue()).decode("ascii"),
                    "scoringScript": "score.py",
                    "miniBatchSize": 2,
                    "outputFileName": "predictions.csv",
                },
            )

            endpoint = BatchEndpoint.get(self.ws, name)
            self.assertEqual((endpoint.default_deployment, endpoint.deployments), ("blue", ["blue"]))
            run = endpoint.invoke(data=f"{docs.name}:{docs.version}")
            details = run.wait_for_completion(timeout=240)
            self.assertEqual(details["status"], "Completed")

            job = next(j for j in endpoint.list_jobs() if j["runId"] == run.id)
            self.assertEqual(job["input"], f"{docs.name}:{docs.version}")
            # Five files in mini-batches of two: three mini-batches, none failed.
            self.assertEqual(job["progress"], {"total": 3, "done": 3, "failed": 0})
            output_name, output_version = job["output"].split(":")
            output = Dataset.get_by_name(self.ws, output_name, int(output_version))
            with tempfile.TemporaryDirectory() as target:
                output.download(target)
                with open(os.path.join(target, "predictions.csv")) as f:
                    lines = f.read().strip().split("\n")
            self.assertEqual(lines[0], "file,prediction_0,prediction_1")
            self.assertEqual(sorted(lines[1:]), [f"doc{i}.txt,{i},1" for i in range(1, 6)])
        finally:
            client.request("DELETE", f"{base}/{name}")

    def test_a_missing_batch_endpoint_is_not_found(self):
        with self.assertRaises(CrucibleError) as caught:
            BatchEndpoint.get(self.ws, f"missing-{uuid.uuid4().hex[:8]}")
        self.assertEqual(caught.exception.code, "NOT_FOUND")


if __name__ == "__main__":
    unittest.main()
