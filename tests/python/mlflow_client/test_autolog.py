import mlflow
import numpy as np
from mlflow.entities import LoggedModelStatus
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split


def test_sklearn_autolog_logs_params_metrics_and_the_model(client, experiment, results):
    X, y = load_iris(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    mlflow.sklearn.autolog(log_input_examples=False, log_model_signatures=True, silent=True)
    try:
        with mlflow.start_run(run_name="iris-logreg") as run:
            model = LogisticRegression(C=0.5, max_iter=500).fit(X_train, y_train)
            score = model.score(X_test, y_test)
    finally:
        mlflow.sklearn.autolog(disable=True)
    run_id = run.info.run_id
    results["autolog"] = {"experiment_id": experiment, "run_id": run_id}

    logged = client.get_run(run_id)
    assert logged.info.status == "FINISHED"
    assert logged.data.params["C"] == "0.5"
    assert logged.data.params["max_iter"] == "500"
    assert logged.data.metrics["training_accuracy_score"] > 0.9
    assert logged.data.tags["estimator_class"] == "sklearn.linear_model._logistic.LogisticRegression"

    models = client.search_logged_models([experiment])
    assert len(models) == 1
    logged_model = models[0]
    assert logged_model.source_run_id == run_id
    assert logged_model.status == LoggedModelStatus.READY
    assert logged_model.params["C"] == "0.5"
    files = {a.path for a in client.list_artifacts(run_id, "model")}
    assert {"model/MLmodel", "model/model.pkl", "model/requirements.txt"} <= files

    loaded = mlflow.sklearn.load_model(f"models:/{logged_model.model_id}")
    assert np.array_equal(loaded.predict(X_test), model.predict(X_test))
    assert loaded.score(X_test, y_test) == score


def test_logged_models_outside_a_run_tags_params_search_and_delete(client, experiment):
    X, y = load_iris(return_X_y=True)
    # Pickle, as autolog writes: the default format (skops) needs a package this suite does not install.
    pickled = {"serialization_format": mlflow.sklearn.SERIALIZATION_FORMAT_PICKLE}
    info = mlflow.sklearn.log_model(LogisticRegression(max_iter=300).fit(X, y), name="standalone", params={"source": "iris"}, **pickled)
    model = client.get_logged_model(info.model_id)
    assert model.name == "standalone"
    assert model.status == LoggedModelStatus.READY
    assert model.params == {"source": "iris"}
    assert model.source_run_id, "Crucible gives a model logged outside a run a run of its own"
    assert {a.path for a in client.list_artifacts(model.source_run_id, "standalone")} >= {"standalone/MLmodel"}

    client.set_logged_model_tags(info.model_id, {"stage": "candidate", "owner": "ml"})
    client.delete_logged_model_tag(info.model_id, "owner")
    client.log_model_params(info.model_id, {"extra": "1"})
    model = client.get_logged_model(info.model_id)
    assert model.tags["stage"] == "candidate" and "owner" not in model.tags
    assert model.params == {"source": "iris", "extra": "1"}

    second = mlflow.sklearn.log_model(LogisticRegression(max_iter=300).fit(X, y), name="standalone", **pickled)
    assert second.model_id != info.model_id
    assert client.get_logged_model(second.model_id).artifact_location != model.artifact_location

    found = client.search_logged_models([experiment], filter_string="tags.stage = 'candidate'")
    assert [m.model_id for m in found] == [info.model_id]
    page = client.search_logged_models([experiment], max_results=1, order_by=[{"field_name": "creation_timestamp", "ascending": True}])
    assert [m.model_id for m in page] == [info.model_id] and page.token

    client.delete_logged_model(info.model_id)
    assert [m.model_id for m in client.search_logged_models([experiment])] == [second.model_id]
