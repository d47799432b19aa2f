"""A run: one execution of training code, with its metrics, params, tags and child runs."""

import os
import sys
import time
import traceback
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Type, Union

from ._client import CrucibleError, decode_float
from ._logger import BatchLogger

if TYPE_CHECKING:
    from ._file_logger import FileLogger
    from .model import Model
    from .workspace import Workspace

# A run in one of these has ended; anything else may still change.
TERMINAL_STATUSES = ("Completed", "Failed", "Canceled", "TimedOut")


class RunFailedError(CrucibleError):
    """wait_for_completion() on a run that ended otherwise than Completed."""

    def __init__(self, run_id: str, status: str, reason: Optional[str]) -> None:
        super().__init__("RUN_FAILED", f"Run {run_id} ended {status}" + (f": {reason}" if reason else ""))
        self.run_id = run_id
        self.status_name = status
        self.reason = reason


class Run:
    def __init__(self, workspace: "Optional[Workspace]", run_id: str, display_name: str = "", experiment_id: str = "", status: str = "Running") -> None:
        self._workspace = workspace
        self.id = run_id
        self.display_name = display_name
        self.experiment_id = experiment_id
        self.status = status
        self._steps: Dict[str, int] = {}
        self._logger: "Optional[Union[BatchLogger, FileLogger]]" = None
        self._is_owned = False
        self._view: Dict[str, Any] = {}

    @property
    def workspace(self) -> "Workspace":
        if self._workspace is None:
            raise CrucibleError("OFFLINE", "This run has no connection to a studio (an offline run, or a job without network)")
        return self._workspace

    # -- creation -----------------------------------------------------------------------------
    @classmethod
    def _start(
        cls,
        workspace: "Workspace",
        experiment_name: Optional[str] = None,
        experiment_id: Optional[str] = None,
        display_name: Optional[str] = None,
        tags: Optional[Mapping[str, Any]] = None,
        parent_run_id: Optional[str] = None,
        snapshot_directory: Optional[str] = None,
    ) -> "Run":
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

    def take_snapshot(self, folder: str) -> Dict[str, Any]:
        """Uploads `folder` as the run's code snapshot (honouring .amlignore, else .gitignore)."""
        from ._snapshot import build_snapshot

        archive = build_snapshot(folder)
        try:
            result: Dict[str, Any] = self.workspace._client.upload(f"/workspaces/{self.workspace.id}/runs/{self.id}/snapshot", archive)
            return result
        finally:
            os.remove(archive)

    @classmethod
    def _from_view(cls, workspace: "Workspace", view: Dict[str, Any]) -> "Run":
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
    def _batch(self) -> "Union[BatchLogger, FileLogger]":
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

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]) -> bool:
        if exc_type is None:
            self.complete()
        elif issubclass(exc_type, KeyboardInterrupt):
            self.cancel()
        else:
            self.fail("".join(traceback.format_exception(exc_type, exc, tb)))
        return False

    # -- models --------------------------------------------------------------------------------
    def register_model(
        self,
        model_name: str,
        model_path: str,
        tags: Optional[Dict[str, str]] = None,
        description: Optional[str] = None,
    ) -> "Model":
        """Registers a folder of this run's outputs (`outputs/model`) as the next version of
        `model_name`; files logged but not yet uploaded are flushed first."""
        from .model import register_run_model

        self.flush()
        return register_run_model(self.workspace, self.id, model_name, model_path, tags, description)

    # -- reading -------------------------------------------------------------------------------
    def get_details(self) -> Dict[str, Any]:
        details: Dict[str, Any] = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/runs/{self.id}")
        self.status = str(details["status"])
        return details

    def get_status(self) -> str:
        """Queued, Preparing, Running, Finalizing, Completed, Failed, Canceled or TimedOut."""
        return str(self.get_details()["status"])

    def get_portal_url(self) -> str:
        """The run's page in the studio."""
        return f"{self.workspace.url}/w/{self.workspace.id}/runs/{self.id}"

    def wait_for_completion(self, show_output: bool = False, raise_on_error: bool = True, timeout: Optional[float] = None, poll_interval: float = 1.0, output: Optional[IO[str]] = None) -> Dict[str, Any]:
        """Waits until the run ends and returns its details; with `show_output`, prints its console
        as it goes (to `output`, else stdout and stderr). Raises RunFailedError when it ends
        otherwise than Completed (unless `raise_on_error` is False), TimeoutError after `timeout` s."""
        deadline = None if timeout is None else time.monotonic() + timeout
        after_seq = 0
        while True:
            details = self.get_details()
            has_ended = details["status"] in TERMINAL_STATUSES
            if show_output:
                # Read after the status, so the lines of an ended run are all there.
                after_seq = self._print_console(after_seq, output)
            if has_ended:
                break
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"Run {self.id} is still {details['status']} after {timeout} s")
            time.sleep(poll_interval)
        if details["status"] != "Completed" and raise_on_error:
            job = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/jobs/{self.id}") or {}
            raise RunFailedError(self.id, details["status"], job.get("failureReason"))
        return details

    def _print_console(self, after_seq: int, output: Optional[IO[str]]) -> int:
        while True:
            page = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/jobs/{self.id}/logs?afterSeq={after_seq}")
            for line in page["lines"]:
                stream = output or (sys.stderr if line["stream"] == "stderr" else sys.stdout)
                print(line["text"], file=stream, flush=True)
            after_seq = max(after_seq, int(page["lastSeq"]))
            if not page["hasMore"]:
                return after_seq

    def get_metrics(self) -> Dict[str, float]:
        """The last value of each metric."""
        self.flush()
        details = self.get_details()
        return {key: decode_float(summary["last"]) for key, summary in details["metrics"].items()}

    def get_metric_history(self, name: str) -> List[Dict[str, Any]]:
        from urllib.parse import quote

        self.flush()
        result = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/runs/{self.id}/metric-history?key={quote(name)}&buckets=10000")
        return [{"step": p["step"], "value": decode_float(p["value"]), "timestamp": p["timestamp"]} for p in result.get("points") or []]

    def upload_file(self, name: str, path_or_stream: "Union[str, os.PathLike[str], IO[bytes]]") -> Dict[str, Any]:
        """Uploads a file (a path, or an open binary stream) to `name` in the run's artifacts,
        streamed without reading it whole into memory."""
        return self.workspace._client.upload(f"/workspaces/{self.workspace.id}/runs/{self.id}/artifacts/{_quote_path(name)}", path_or_stream)

    def upload_folder(self, name: str, path: str) -> List[Dict[str, Any]]:
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

        names: List[str] = []
        folders = [prefix]
        while folders:
            folder = folders.pop()
            entries = self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/runs/{self.id}/artifacts?path={quote(folder)}")
            for entry in entries:
                (folders if entry["isDir"] else names).append(entry["path"])
        return sorted(names)

    def download_file(self, name: str, output_file_path: str) -> None:
        self.workspace._client.download(f"/workspaces/{self.workspace.id}/runs/{self.id}/artifacts/{_quote_path(name)}", output_file_path)

    def __repr__(self) -> str:
        return f"Run(id={self.id!r}, display_name={self.display_name!r}, status={self.status!r})"


class OfflineRun(Run):
    """Outside a job: keeps metrics in memory so the same script runs anywhere."""

    def __init__(self) -> None:
        super().__init__(None, "offline", "offline")
        self.metrics: Dict[str, List[float]] = {}
        self.params: Dict[str, str] = {}
        self.tags: Dict[str, str] = {}

    def log(self, name: str, value: float, step: Optional[int] = None) -> None:
        self.metrics.setdefault(name, []).append(value)
        print(f"[offline run] {name}={value}")

    def log_list(self, name: str, values: List[float]) -> None:
        self.metrics.setdefault(name, []).extend(values)

    def log_row(self, name: str, **columns: float) -> None:
        for column, value in columns.items():
            self.metrics.setdefault(f"{name}/{column}", []).append(value)

    def log_params(self, params: Dict[str, Any]) -> None:
        self.params.update({k: str(v) for k, v in params.items()})

    def set_tags(self, tags: Dict[str, Any]) -> None:
        self.tags.update({k: str(v) for k, v in tags.items()})

    def flush(self, timeout: Optional[float] = None) -> bool:
        return True

    def _finish(self, status: str) -> None:
        self.status = status

    def get_metrics(self) -> Dict[str, float]:
        return {k: v[-1] for k, v in self.metrics.items() if v}


def _quote_path(name: str) -> str:
    from urllib.parse import quote

    return "/".join(quote(part, safe="") for part in name.strip("/").split("/"))


def _git_info(folder: str) -> Optional[Dict[str, Any]]:
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
    info: Dict[str, Any] = {"commit": commit, "isDirty": bool(git("status", "--porcelain"))}
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    remote = git("config", "--get", "remote.origin.url")
    if branch:
        info["branch"] = branch
    if remote:
        info["repo"] = remote
    return info
