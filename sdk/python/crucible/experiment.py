"""An experiment: a named group of runs in a workspace."""

import os
from typing import Any, Dict, List, Mapping, Optional

from ._client import CrucibleError
from .run import Run
from .script_run_config import ScriptRunConfig
from .workspace import Workspace


class Experiment:
    def __init__(self, workspace: Workspace, name: str) -> None:
        self.workspace = workspace
        self.name = name
        self._id: Optional[str] = None

    @property
    def id(self) -> Optional[str]:
        if self._id is None:
            for entry in self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/experiments?search={_quote(self.name)}"):
                if entry["name"] == self.name:
                    self._id = str(entry["id"])
        return self._id

    def start_logging(self, display_name: Optional[str] = None, snapshot_directory: Optional[str] = None, tags: Optional[Mapping[str, Any]] = None) -> Run:
        """Starts a run in this experiment (creating the experiment if needed). Use it with `with`:
        the run is Completed when the block ends and Failed when it raises."""
        return Run._start(self.workspace, experiment_name=self.name, display_name=display_name, tags=tags, snapshot_directory=snapshot_directory)

    def get_runs(self, filter: Optional[str] = None, order_by: Optional[List[str]] = None) -> List[Run]:
        """Runs of this experiment, newest first, optionally filtered with the search grammar."""
        if self.id is None:
            return []
        body: Dict[str, Any] = {"experimentIds": [self.id], "maxResults": 10000}
        if filter:
            body["filter"] = filter
        if order_by:
            body["orderBy"] = order_by
        result = self.workspace._client.request("POST", f"/workspaces/{self.workspace.id}/runs/search", body)
        return [Run._from_view(self.workspace, view) for view in result["runs"]]

    def submit(self, config: ScriptRunConfig, tags: Optional[Mapping[str, Any]] = None) -> Run:
        """Queues `config` as a job in this experiment and uploads its source directory as the
        run's snapshot; returns the run (Queued), to `wait_for_completion()` on."""
        from ._snapshot import build_snapshot

        spec = config._spec(self.name)
        if tags:
            spec["tags"] = {**spec.get("tags", {}), **{str(k): str(v) for k, v in tags.items()}}
        client, base = self.workspace._client, f"/workspaces/{self.workspace.id}"
        # Packed before the job exists: a folder over the limit must not leave a run waiting.
        archive = build_snapshot(config.source_directory)
        try:
            submitted = client.request("POST", f"{base}/jobs", {"spec": spec, "hasCode": True})
            run = Run(self.workspace, submitted["runId"], submitted["displayName"], submitted["experimentId"], submitted["status"])
            try:
                client.upload(f"{base}/runs/{run.id}/snapshot", archive)
            except BaseException:
                # The job waits for its code; without it, it would wait forever.
                try:
                    client.request("POST", f"{base}/jobs/{run.id}/cancel", {}, retries=0)
                except (CrucibleError, OSError):
                    pass
                raise
        finally:
            os.remove(archive)
        self._id = run.experiment_id
        return run

    def __repr__(self) -> str:
        return f"Experiment(name={self.name!r})"


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
