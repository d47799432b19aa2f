"""A run: one execution of training code, with its metrics, params, tags and child runs."""

import os
import traceback
from typing import Any, Dict, List, Optional

from ._client import CrucibleError, decode_float
from ._logger import BatchLogger


class Run:
    def __init__(self, workspace, run_id: str, display_name: str = "", experiment_id: str = "", status: str = "Running"):
        self.workspace = workspace
        self.id = run_id
        self.display_name = display_name
        self.experiment_id = experiment_id
        self.status = status
        self._steps: Dict[str, int] = {}
        self._logger: Optional[BatchLogger] = None
        self._is_owned = False

    # -- creation -----------------------------------------------------------------------------
    @classmethod
    def _start(cls, workspace, experiment_name=None, experiment_id=None, display_name=None, tags=None, parent_run_id=None, snapshot_directory=None):
        body: Dict[str, Any] = {}
        if experiment_id:
            body["experimentId"] = experiment_id
        else:
            body["experimentName"] = experiment_name
        if display_name:
            body["displayName"] = display_name
        if parent_run_id:
            body["parentRunId"] = parent_run_id
        if tags:
            body["tags"] = [{"key": str(k), "value": str(v)} for k, v in tags.items()]
        git = _git_info(snapshot_directory or os.getcwd())
        if git:
            body["git"] = git
        view = workspace._client.request("POST", f"/workspaces/{workspace.id}/runs", body)
        run = cls._from_view(workspace, view)
        run._is_owned = True
        if snapshot_directory:
            run.take_snapshot(snapshot_directory)
        return run

    def take_snapshot(self, folder: str) -> dict:
        """Uploads `folder` as the run's code snapshot (honouring .amlignore, else .gitignore)."""
        from ._snapshot import build_snapshot

        archive = build_snapshot(folder)
        try:
            return self.workspace._client.upload(f"/workspaces/{self.workspace.id}/runs/{self.id}/snapshot", archive)
        finally:
            os.remove(archive)

    @classmethod
    def _from_view(cls, workspace, view: dict) -> "Run":
        run = cls(workspace, view["id"], view["displayName"], view["experimentId"], view["status"])
        run._view = view
        return run

    @classmethod
    def get_context(cls) -> "Run":
        """The run this code executes in, inside a Crucible job (CRUCIBLE_RUN_ID is set);
        elsewhere an offline run that keeps what is logged in memory and prints it."""
        run_id = os.environ.get("CRUCIBLE_RUN_ID")
        if not run_id:
            return OfflineRun()
        metrics_file = os.environ.get("CRUCIBLE_METRICS_FILE")
        if metrics_file:
            # A job without network: the worker reads what is written here into the run.
            from ._file_logger import FileLogger

            run = cls(None, run_id)
            run._logger = FileLogger(metrics_file)
            return run
        from .workspace import Workspace

        return cls(Workspace.from_config(), run_id)

    # -- logging (never blocks: a background thread sends batches) ----------------------------
    @property
    def _batch(self) -> BatchLogger:
        if self._logger is None:
            self._logger = BatchLogger(self.workspace._client, self.workspace.id, self.id)
        return self._logger

    def log(self, name: str, value: float, step: Optional[int] = None) -> None:
        """Appends a value to metric `name`; without `step`, steps count up from 0 per metric."""
        if step is None:
            step = self._steps.get(name, -1) + 1
        # A refused point (warned about) leaves the step count alone: step=10**20 once must not
        # make every later step out of range too.
        if self._batch.metric(name, value, step):
            self._steps[name] = max(int(step), self._steps.get(name, -1))

    def log_list(self, name: str, values: List[float]) -> None:
        """A list of values as one metric, at steps 0, 1, 2, …"""
        for i, value in enumerate(values):
            self._batch.metric(name, value, i)

    def log_row(self, name: str, **columns: float) -> None:
        """One row of a table metric: each column becomes the metric `name/column` at the row's index."""
        row = self._steps.get(f"{name}/", -1) + 1
        self._steps[f"{name}/"] = row
        for column, value in columns.items():
            self._batch.metric(f"{name}/{column}", value, row)

    def log_params(self, params: Dict[str, Any]) -> None:
        self._batch.params(params)

    def log_param(self, key: str, value: Any) -> None:
        self._batch.params({key: value})

    def set_tags(self, tags: Dict[str, Any]) -> None:
        self._batch.tags(tags)

    def set_tag(self, key: str, value: Any) -> None:
        self._batch.tags({key: value})

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until everything logged so far is on the server."""
        return self._logger.flush(timeout) if self._logger else True

    # -- children and lifecycle --------------------------------------------------------------
    def child_run(self, name: Optional[str] = None) -> "Run":
        return Run._start(self.workspace, experiment_id=self.experiment_id, display_name=name, parent_run_id=self.id)

    def complete(self) -> None:
        self._finish("Completed")

    def fail(self, error_details: Optional[str] = None) -> None:
        if error_details:
            self.set_tag("crucible.error", error_details[-4000:])
        self._finish("Failed")

    def cancel(self) -> None:
        self._finish("Canceled")

    def _finish(self, status: str) -> None:
        refused = None
        if self._logger:
            try:
                self._logger.close()
            except CrucibleError as error:
                # Reported after the run is ended: a refused param must not leave it Running.
                refused = error
        view = self.workspace._client.request("PATCH", f"/workspaces/{self.workspace.id}/runs/{self.id}", {"status": status})
        self.status = view["status"]
        if refused:
            raise refused

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self.complete()
        elif issubclass(exc_type, KeyboardInterrupt):
            self.cancel()
        else:
            self.fail("".join(traceback.format_exception(exc_type, exc, tb)))
        return False

    # -- reading -------------------------------------------------------------------------------
    def get_details(self) -> dict:
        return self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/runs/{self.id}")

    def get_metrics(self) -> Dict[str, float]:
        """The last value of each metric."""
        self.flush()
        details = self.get_details()
        return {key: decode_float(summary["last"]) for key, summary in details["metrics"].items()}

    def get_metric_history(self, name: str) -> List[dict]:
        from urllib.parse import quote

        self.flush()
        result = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/runs/{self.id}/metric-history?key={quote(name)}&buckets=10000")
        return [{"step": p["step"], "value": decode_float(p["value"]), "timestamp": p["timestamp"]} for p in result.get("points") or []]

    def upload_file(self, name: str, path_or_stream) -> dict:
        """Uploads a file (a path, or an open binary stream) to `name` in the run's artifacts,
        streamed without reading it whole into memory."""
        return self.workspace._client.upload(f"/workspaces/{self.workspace.id}/runs/{self.id}/artifacts/{_quote_path(name)}", path_or_stream)

    def upload_folder(self, name: str, path: str) -> List[dict]:
        """Uploads every file under `path` to `name/…` in the run's artifacts."""
        uploaded = []
        for root, _dirs, files in os.walk(path):
            for file in sorted(files):
                full = os.path.join(root, file)
                relative = os.path.relpath(full, path).replace(os.sep, "/")
                uploaded.append(self.upload_file(f"{name.rstrip('/')}/{relative}", full))
        return uploaded

    def get_file_names(self, prefix: str = "") -> List[str]:
        """Paths of every file in the run's artifacts under `prefix`."""
        from urllib.parse import quote

        names, folders = [], [prefix]
        while folders:
            folder = folders.pop()
            entries = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/runs/{self.id}/artifacts?path={quote(folder)}")
            for entry in entries:
                (folders if entry["isDir"] else names).append(entry["path"])
        return sorted(names)

    def download_file(self, name: str, output_file_path: str) -> None:
        self.workspace._client.download(f"/workspaces/{self.workspace.id}/runs/{self.id}/artifacts/{_quote_path(name)}", output_file_path)

    def register_model(self, model_name: str, model_path: str, tags: Optional[Dict[str, str]] = None) -> None:
        """Records that `model_path` (in this run's outputs) is model `model_name`, as tags the
        model registry reads when it registers versions."""
        self.set_tags({f"crucible.model.{model_name}.path": model_path, **{f"crucible.model.{model_name}.tag.{k}": v for k, v in (tags or {}).items()}})

    def __repr__(self) -> str:
        return f"Run(id={self.id!r}, display_name={self.display_name!r}, status={self.status!r})"


class OfflineRun(Run):
    """Outside a job: keeps metrics in memory so the same script runs anywhere."""

    def __init__(self):
        super().__init__(None, "offline", "offline")
        self.metrics: Dict[str, List[float]] = {}
        self.params: Dict[str, str] = {}
        self.tags: Dict[str, str] = {}

    def log(self, name, value, step=None):
        self.metrics.setdefault(name, []).append(value)
        print(f"[offline run] {name}={value}")

    def log_list(self, name, values):
        self.metrics.setdefault(name, []).extend(values)

    def log_row(self, name, **columns):
        for column, value in columns.items():
            self.metrics.setdefault(f"{name}/{column}", []).append(value)

    def log_params(self, params):
        self.params.update({k: str(v) for k, v in params.items()})

    def set_tags(self, tags):
        self.tags.update({k: str(v) for k, v in tags.items()})

    def flush(self, timeout=None):
        return True

    def _finish(self, status):
        self.status = status

    def get_metrics(self):
        return {k: v[-1] for k, v in self.metrics.items() if v}


def _quote_path(name: str) -> str:
    from urllib.parse import quote

    return "/".join(quote(part, safe="") for part in name.strip("/").split("/"))


def _git_info(folder: str) -> Optional[dict]:
    """Repository, branch, commit and whether the tree is dirty, when `folder` is in a git checkout."""
    import subprocess

    def git(*args: str) -> Optional[str]:
        try:
            out = subprocess.run(["git", "-C", folder, *args], capture_output=True, text=True, timeout=5)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip() if out.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if not commit:
        return None
    info = {"commit": commit, "isDirty": bool(git("status", "--porcelain"))}
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    remote = git("config", "--get", "remote.origin.url")
    if branch:
        info["branch"] = branch
    if remote:
        info["repo"] = remote
    return info
