from mlflow.entities import ViewType


def test_create_get_search_rename_tag_delete_restore(client, unique):
    name = unique("exp")
    experiment_id = client.create_experiment(name, tags={"team": "vision"})

    got = client.get_experiment(experiment_id)
    assert got.name == name
    assert got.tags["team"] == "vision"
    assert got.lifecycle_stage == "active"
    assert client.get_experiment_by_name(name).experiment_id == experiment_id
    assert client.get_experiment_by_name(unique("absent")) is None

    client.set_experiment_tag(experiment_id, "stage", "dev")
    renamed = name + "-v2"
    client.rename_experiment(experiment_id, renamed)
    found = client.search_experiments(filter_string=f"name = '{renamed}' and tags.stage = 'dev'")
    assert [e.experiment_id for e in found] == [experiment_id]
    assert client.get_experiment(experiment_id).tags == {"team": "vision", "stage": "dev"}

    client.delete_experiment(experiment_id)
    assert client.get_experiment(experiment_id).lifecycle_stage == "deleted"
    deleted = client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string=f"name = '{renamed}'")
    assert [e.experiment_id for e in deleted] == [experiment_id]
    assert client.search_experiments(filter_string=f"name = '{renamed}'") == []

    client.restore_experiment(experiment_id)
    assert client.get_experiment(experiment_id).lifecycle_stage == "active"


def test_search_pages_through_experiments(client, unique):
    prefix = unique("paged")
    ids = {client.create_experiment(f"{prefix}-{i}") for i in range(5)}
    seen, token = [], None
    while True:
        page = client.search_experiments(filter_string=f"name LIKE '{prefix}-%'", max_results=2, page_token=token)
        seen += [e.experiment_id for e in page]
        token = page.token
        if not token:
            break
    assert sorted(seen) == sorted(ids)
