import time

import mlflow
import numpy as np
import pandas as pd
from mlflow.entities import RunStatus, ViewType


def test_a_run_with_params_metrics_tags_and_a_nested_run(client, experiment):
    start = int(time.time() * 1000)
    with mlflow.start_run(run_name="parent") as parent:
        mlflow.log_param("lr", 0.01)
        mlflow.log_params({"epochs": 3, "optimizer": "adam"})
        for step in range(3):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step, timestamp=start + step)
        mlflow.log_metrics({"acc": 0.9, "f1": 0.8}, step=2)
        mlflow.set_tag("model", "cnn")
        mlflow.set_tags({"temp": "x", "team": "ml"})
        client.delete_tag(parent.info.run_id, "temp")
        with mlflow.start_run(run_name="child", nested=True) as child:
            mlflow.log_metric("loss", 0.5)

    run = client.get_run(parent.info.run_id)
    assert run.info.status == "FINISHED"
    assert run.info.run_name == "parent"
    assert run.info.end_time >= run.info.start_time
    assert run.data.params == {"lr": "0.01", "epochs": "3", "optimizer": "adam"}
    assert run.data.metrics == {"loss": 1.0 / 3, "acc": 0.9, "f1": 0.8}
    assert run.data.tags["model"] == "cnn" and run.data.tags["team"] == "ml"
    assert "temp" not in run.data.tags

    history = client.get_metric_history(parent.info.run_id, "loss")
    assert [(m.step, m.value, m.timestamp) for m in history] == [(s, 1.0 / (s + 1), start + s) for s in range(3)]

    nested = client.get_run(child.info.run_id)
    assert nested.data.tags["mlflow.parentRunId"] == parent.info.run_id
    children = client.search_runs([experiment], filter_string=f"tags.mlflow.parentRunId = '{parent.info.run_id}'")
    assert [r.info.run_id for r in children] == [child.info.run_id]


def test_a_failed_run_ends_failed(client, experiment):
    try:
        with mlflow.start_run() as run:
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert client.get_run(run.info.run_id).info.status == RunStatus.to_string(RunStatus.FAILED)


def test_search_filters_orders_and_pages(client, experiment):
    ids = []
    for i in range(5):
        with mlflow.start_run(run_name=f"r{i}") as run:
            mlflow.log_metric("acc", i / 10)
            mlflow.log_param("i", i)
            ids.append(run.info.run_id)

    best = client.search_runs([experiment], filter_string="metrics.acc >= 0.2 and params.i != '4'", order_by=["metrics.acc DESC"])
    assert [r.info.run_id for r in best] == [ids[3], ids[2]]

    seen, token = [], None
    while True:
        page = client.search_runs([experiment], order_by=["metrics.acc ASC"], max_results=2, page_token=token)
        seen += [r.info.run_id for r in page]
        token = page.token
        if not token:
            break
    assert seen == ids

    frame = mlflow.search_runs([experiment], filter_string="attributes.run_name = 'r1'")
    assert list(frame["run_id"]) == [ids[1]]


def test_delete_and_restore_a_run(client, experiment):
    with mlflow.start_run() as run:
        pass
    run_id = run.info.run_id
    client.delete_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "deleted"
    assert run_id not in [r.info.run_id for r in client.search_runs([experiment])]
    assert run_id in [r.info.run_id for r in client.search_runs([experiment], run_view_type=ViewType.DELETED_ONLY)]
    client.restore_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "active"


def test_log_input_with_a_dataset(client, experiment):
    frame = pd.DataFrame({"x": np.arange(10.0), "y": np.arange(10) % 2})
    dataset = mlflow.data.from_pandas(frame, source="s3://bucket/iris.csv", name="iris", targets="y")
    with mlflow.start_run() as run:
        mlflow.log_input(dataset, context="training", tags={"split": "train"})
    inputs = client.get_run(run.info.run_id).inputs.dataset_inputs
    assert len(inputs) == 1
    assert inputs[0].dataset.name == "iris"
    assert inputs[0].dataset.digest == dataset.digest
    assert {t.key: t.value for t in inputs[0].tags}["mlflow.data.context"] == "training"
