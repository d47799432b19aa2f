"""The official MLflow client against a live studio.

MLFLOW_TRACKING_URI (http://host/mlflow/<workspace>) and MLFLOW_TRACKING_TOKEN come from the
environment, as they do for users; MLFLOW_CLIENT_RESULTS, when set, names a JSON file where the
suite writes what the caller checks in the studio afterwards (the autologged run).
"""

import json
import os
import uuid

# Set before mlflow is imported, which may start its usage reporting: the suite talks to the studio only.
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"

import mlflow  # noqa: E402
import pytest  # noqa: E402
from mlflow import MlflowClient  # noqa: E402


def pytest_configure(config):
    missing = [name for name in ("MLFLOW_TRACKING_URI", "MLFLOW_TRACKING_TOKEN") if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(f"Set {', '.join(missing)} to a studio's MLflow URL and an API token")
    # No retries with back-off: a refused request should fail the test at once, with its message.
    os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")


@pytest.fixture(scope="session")
def client() -> MlflowClient:
    return MlflowClient()


@pytest.fixture
def unique():
    """A name no other test or earlier run of the suite has used."""
    return lambda prefix: f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def experiment(client, unique):
    """A fresh experiment, made the active one."""
    experiment_id = client.create_experiment(unique("pytest"))
    mlflow.set_experiment(experiment_id=experiment_id)
    yield experiment_id
    if mlflow.active_run():
        mlflow.end_run()


@pytest.fixture(scope="session")
def results():
    found = {}
    yield found
    path = os.environ.get("MLFLOW_CLIENT_RESULTS")
    if path:
        with open(path + ".tmp", "w") as f:
            json.dump(found, f)
        os.replace(path + ".tmp", path)
