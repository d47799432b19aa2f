"""The workspace a script logs to, configured from a file or the environment."""

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Optional

from ._client import Client

if TYPE_CHECKING:
    from .compute_target import ComputeTarget
    from .environment import Environment


class Workspace:
    def __init__(self, url: str, token: str, workspace: str) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self._client = Client(self.url, token)
        self.id = self._resolve(workspace)

    @classmethod
    def from_config(cls, path: Optional[str] = None) -> "Workspace":
        """Reads CRUCIBLE_URL, CRUCIBLE_TOKEN and CRUCIBLE_WORKSPACE, else `.crucible/config.json`
        in this folder or a parent (keys `url`, `token`, `workspace`). The environment wins."""
        config: Dict[str, Any] = {}
        file = Path(path) if path else _find_config()
        if file and file.exists():
            config = json.loads(file.read_text())
        url = os.environ.get("CRUCIBLE_URL") or config.get("url")
        token = os.environ.get("CRUCIBLE_TOKEN") or config.get("token")
        workspace = os.environ.get("CRUCIBLE_WORKSPACE") or config.get("workspace")
        if not url or not token or not workspace:
            missing = [name for name, value in (("url", url), ("token", token), ("workspace", workspace)) if not value]
            raise ValueError(f"Crucible is not configured: missing {', '.join(missing)} (set CRUCIBLE_URL, CRUCIBLE_TOKEN, CRUCIBLE_WORKSPACE or write .crucible/config.json)")
        return cls(str(url), str(token), str(workspace))

    @property
    def environments(self) -> Dict[str, "Environment"]:
        """The workspace's environments and the curated ones, by name (latest version)."""
        from .environment import Environment

        return Environment.list(self)

    @property
    def compute_targets(self) -> Dict[str, "ComputeTarget"]:
        """Compute targets and shared hosts, by name: what a job's `compute` may name."""
        from .compute_target import ComputeTarget

        return {target.name: target for target in ComputeTarget.list(self)}

    def _resolve(self, workspace: str) -> str:
        """Accepts a workspace id or name."""
        if os.environ.get("CRUCIBLE_RUN_ID"):
            # Inside a job the workspace is given as an id, and the run-scoped token may not list.
            return workspace
        for entry in self._client.request("GET", "/workspaces"):
            if workspace in (entry["id"], entry["name"]):
                return str(entry["id"])
        return workspace

    def __repr__(self) -> str:
        return f"Workspace(url={self.url!r}, id={self.id!r})"


def _find_config() -> Optional[Path]:
    here = Path.cwd()
    for folder in (here, *here.parents):
        candidate = folder / ".crucible" / "config.json"
        if candidate.exists():
            return candidate
    return None
