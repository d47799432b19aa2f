"""Environments: the image, packages and variables a job runs with, in Azure ML's words."""

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ._client import CrucibleError

if TYPE_CHECKING:
    from .workspace import Workspace


class Environment:
    """A named, versioned environment. `Environment("crucible-sklearn")` names one for a job
    without asking the server; `Environment.get(ws, name)` reads it."""

    def __init__(self, name: str, version: Optional[int] = None) -> None:
        self.name = name
        self.version = version
        self.id: Optional[str] = None
        self.description = ""
        self.is_curated = False
        self.spec: Dict[str, Any] = {}
        self.versions: List[int] = []

    @staticmethod
    def list(workspace: "Workspace") -> Dict[str, "Environment"]:
        """Every environment the workspace can use (its own and the curated ones), by name, at its
        latest version."""
        entries = workspace._client.request("GET", f"/workspaces/{workspace.id}/environments")
        return {entry["name"]: Environment._from_entry(entry, None) for entry in entries}

    @staticmethod
    def get(workspace: "Workspace", name: str, version: Optional[int] = None) -> "Environment":
        """One environment at `version`, or at its latest; CrucibleError NOT_FOUND when missing."""
        for entry in workspace._client.request("GET", f"/workspaces/{workspace.id}/environments"):
            if entry["name"] == name:
                return Environment._from_entry(entry, version)
        raise CrucibleError("NOT_FOUND", f"No environment named {name!r} in this workspace", 404)

    @staticmethod
    def _from_entry(entry: Dict[str, Any], version: Optional[int]) -> "Environment":
        versions = sorted(entry["versions"], key=lambda v: v["version"])
        chosen = versions[-1] if version is None else next((v for v in versions if v["version"] == int(version)), None)
        if chosen is None:
            known = ", ".join(str(v["version"]) for v in versions) or "none"
            raise CrucibleError("NOT_FOUND", f"Environment {entry['name']!r} has no version {version} (versions: {known})", 404)
        env = Environment(entry["name"], chosen["version"])
        env.id = entry["id"]
        env.description = entry.get("description") or ""
        env.is_curated = bool(entry.get("isCurated"))
        env.spec = chosen.get("spec") or {}
        env.versions = [v["version"] for v in versions]
        return env

    def reference(self) -> str:
        """How a job names it: `name:version`, or `name` for the latest."""
        return self.name if self.version is None else f"{self.name}:{self.version}"

    def __repr__(self) -> str:
        return f"Environment(name={self.name!r}, version={self.version!r})"
