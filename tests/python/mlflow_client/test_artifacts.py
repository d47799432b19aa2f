import os

import mlflow


def test_log_list_and_download_artifacts(client, experiment, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    outputs = tmp_path / "outputs"
    (outputs / "plots").mkdir(parents=True)
    (outputs / "metrics.json").write_text('{"acc": 0.9}')
    (outputs / "plots" / "loss.csv").write_bytes(bytes(range(256)) * 64)

    with mlflow.start_run() as run:
        mlflow.log_artifact(str(tmp_path / "notes.txt"))
        mlflow.log_artifact(str(tmp_path / "notes.txt"), artifact_path="docs")
        mlflow.log_artifacts(str(outputs), artifact_path="outputs")
        mlflow.log_text("inline", "inline/text.txt")
        mlflow.log_dict({"a": 1}, "inline/config.json")
    run_id = run.info.run_id

    top = {(a.path, a.is_dir) for a in client.list_artifacts(run_id)}
    assert top == {("notes.txt", False), ("docs", True), ("outputs", True), ("inline", True)}
    nested = {a.path: a.file_size for a in client.list_artifacts(run_id, "outputs/plots")}
    assert nested == {"outputs/plots/loss.csv": 256 * 64}

    target = tmp_path / "download"
    target.mkdir()
    local = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="outputs", dst_path=str(target))
    assert open(os.path.join(local, "metrics.json")).read() == '{"acc": 0.9}'
    assert open(os.path.join(local, "plots", "loss.csv"), "rb").read() == bytes(range(256)) * 64
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/inline/text.txt") == "inline"
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/inline/config.json") == {"a": 1}
    whole = client.download_artifacts(run_id, "", str(tmp_path / "all"))
    assert sorted(os.listdir(whole)) == ["docs", "inline", "notes.txt", "outputs"]
