import mlflow
import numpy as np
import pytest
from mlflow.exceptions import MlflowException
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

# Pickle, as autolog writes: the default format (skops) needs a package this suite does not install.
PICKLED = {"serialization_format": mlflow.sklearn.SERIALIZATION_FORMAT_PICKLE}


def _train(max_iter):
    X, y = load_iris(return_X_y=True)
    return X, LogisticRegression(max_iter=max_iter).fit(X, y)


def test_register_alias_load_search_and_delete(client, experiment, unique):
    name = unique("iris")
    X, first = _train(300)
    with mlflow.start_run() as run1:
        mlflow.sklearn.log_model(first, name="model", **PICKLED)
    _, second = _train(5)
    with mlflow.start_run() as run2:
        mlflow.sklearn.log_model(second, name="model", **PICKLED)

    v1 = mlflow.register_model(f"runs:/{run1.info.run_id}/model", name)
    v2 = mlflow.register_model(f"runs:/{run2.info.run_id}/model", name)
    assert (v1.version, v2.version) == ("1", "2")
    assert v1.run_id == run1.info.run_id
    assert v1.status == "READY"

    client.set_registered_model_alias(name, "champion", "1")
    by_alias = client.get_model_version_by_alias(name, "champion")
    assert by_alias.version == "1"
    assert by_alias.aliases == ["champion"]

    # Loaded through models:/name@alias: the version's own files, via get-download-uri and the artifact service.
    loaded = mlflow.pyfunc.load_model(f"models:/{name}@champion")
    assert np.array_equal(loaded.predict(X), first.predict(X))
    assert not np.array_equal(loaded.predict(X), second.predict(X)), "the two models should differ"
    pinned = mlflow.sklearn.load_model(f"models:/{name}/2")
    assert np.array_equal(pinned.predict(X), second.predict(X))

    client.set_registered_model_alias(name, "champion", "2")
    assert client.get_model_version_by_alias(name, "champion").version == "2"

    found = client.search_registered_models(filter_string=f"name = '{name}'")
    assert [m.name for m in found] == [name]
    assert found[0].aliases == {"champion": "2"}
    assert [m.name for m in client.search_registered_models(filter_string=f"name LIKE '{name[:8]}%'")] == [name]
    versions = client.search_model_versions(f"name = '{name}'")
    assert sorted(v.version for v in versions) == ["1", "2"]
    by_run = client.search_model_versions(f"run_id = '{run1.info.run_id}'")
    assert [(v.name, v.version) for v in by_run] == [(name, "1")]

    client.set_registered_model_tag(name, "team", "vision")
    client.set_model_version_tag(name, "1", "validated", "yes")
    client.update_registered_model(name, description="Iris classifiers")
    model = client.get_registered_model(name)
    assert model.tags == {"team": "vision"}
    assert model.description == "Iris classifiers"
    assert client.get_model_version(name, "1").tags == {"validated": "yes"}

    client.delete_registered_model_alias(name, "champion")
    with pytest.raises(MlflowException) as missing:
        client.get_model_version_by_alias(name, "champion")
    assert missing.value.error_code == "RESOURCE_DOES_NOT_EXIST"

    client.delete_model_version(name, "1")
    assert [v.version for v in client.search_model_versions(f"name = '{name}'")] == ["2"]
    client.delete_registered_model(name)
    with pytest.raises(MlflowException) as gone:
        client.get_registered_model(name)
    assert gone.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_registered_model_errors_and_rename(client, unique):
    name = unique("named")
    client.create_registered_model(name)
    with pytest.raises(MlflowException) as duplicate:
        client.create_registered_model(name)
    assert duplicate.value.error_code == "RESOURCE_ALREADY_EXISTS"
    client.rename_registered_model(name, name + "-2")
    assert client.get_registered_model(name + "-2").name == name + "-2"
    with pytest.raises(MlflowException) as old_name:
        client.get_registered_model(name)
    assert old_name.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as bad_alias:
        client.set_registered_model_alias(name + "-2", "latest", "1")
    assert bad_alias.value.error_code == "INVALID_PARAMETER_VALUE"
    client.delete_registered_model(name + "-2")
