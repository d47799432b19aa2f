"""An experiment: a named group of runs in a workspace."""

from typing import Dict, List, Optional

from .run import Run
from .workspace import Workspace


class Experiment:
    def __init__(self, workspace: Workspace, name: str):
        self.workspace = workspace
        self.name = name
        self._id: Optional[str] = None

    @property
    def id(self) -> Optional[str]:
        if self._id is None:
            for entry in self.workspace._client.request("GET", f"/workspaces/{self.workspace.id}/experiments?search={_quote(self.name)}"):
                if entry["name"] == self.name:
                    self._id = entry["id"]
        return self._id

    def start_logging(self, display_name: Optional[str] = None, snapshot_directory: Optional[str] = None, tags: Optional[Dict[str, str]] = None) -> Run:
        """Starts a run in this experiment (creating the experiment if needed). Use it with `with`:
        the run is Completed when the block ends and Failed when it raises."""
        return Run._start(self.workspace, experiment_name=self.name, display_name=display_name, tags=tags, snapshot_directory=snapshot_directory)

    def get_runs(self, filter: Optional[str] = None, order_by: Optional[List[str]] = None) -> List[Run]:
        """Runs of this experiment, newest first, optionally filtered with the search grammar."""
        if self.id is None:
            return []
        body = {"experimentIds": [self.id], "maxResults": 10000}
        if filter:
            body["filter"] = filter
        if order_by:
            body["orderBy"] = order_by
        result = self.workspace._client.request("POST", f"/workspaces/{self.workspace.id}/runs/search", body)
        return [Run._from_view(self.workspace, view) for view in result["runs"]]

    def __repr__(self) -> str:
        return f"Experiment(name={self.name!r})"


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
