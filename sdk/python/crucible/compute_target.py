"""Compute targets, in Azure ML's words: what a job's `compute` names. Here that is a compute
target of the workspace (shared hosts chosen by labels) or one shared host by name."""

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ._client import CrucibleError

if TYPE_CHECKING:
    from .workspace import Workspace


class ComputeTarget:
    """`ComputeTarget(ws, "gpu")` reads the target or shared host of that name (CrucibleError
    NOT_FOUND when there is none); `ComputeTarget.list(ws)` lists both kinds."""

    def __init__(self, workspace: "Workspace", name: str) -> None:
        found = next((target for target in ComputeTarget.list(workspace) if target.name == name), None)
        if found is None:
            raise CrucibleError("NOT_FOUND", f"No compute target or shared host named {name!r} in this workspace", 404)
        self.__dict__.update(found.__dict__)

    @staticmethod
    def list(workspace: "Workspace") -> List["ComputeTarget"]:
        """The workspace's compute targets, then the hosts shared with it."""
        base = f"/workspaces/{workspace.id}/compute"
        targets = workspace._client.request("GET", f"{base}/targets")
        hosts = workspace._client.request("GET", f"{base}/hosts")
        return [ComputeTarget._of(workspace, "target", entry) for entry in targets] + [ComputeTarget._of(workspace, "host", entry) for entry in hosts]

    @staticmethod
    def _of(workspace: "Workspace", kind: str, entry: Dict[str, Any]) -> "ComputeTarget":
        target = ComputeTarget.__new__(ComputeTarget)
        target.workspace = workspace
        target.name = str(entry["name"])
        target.id = str(entry["id"])
        # "target": hosts chosen by `selector`; "host": one Docker host shared with the workspace.
        target.type = kind
        target.labels = dict(entry.get("selector") if kind == "target" else entry.get("labels") or {})
        target.host_names = list(entry.get("hostNames") or []) if kind == "target" else [target.name]
        target.status = None if kind == "target" else str(entry.get("status"))
        return target

    workspace: "Workspace"
    name: str
    id: str
    type: str
    labels: Dict[str, str]
    host_names: List[str]
    status: Optional[str]

    def __repr__(self) -> str:
        return f"ComputeTarget(name={self.name!r}, type={self.type!r})"
