"""The model registry, in Azure ML SDK v1's words: `Model.register`, `Model(ws, name, version)`,
`.download`, and `Run.register_model` for a run's outputs."""

import os
import tarfile
import tempfile
import urllib.parse
from typing import Any, Dict, List, Optional, Union

from ._download import extract_tar
from .data_config import ModelConsumptionConfig
from .workspace import Workspace


class Model:
    """One version of a registered model. `version` picks it: a number, an alias (`"champion"`),
    or the newest version not archived when left out."""

    def __init__(
        self,
        workspace: Workspace,
        name: Optional[str] = None,
        version: Optional[Union[int, str]] = None,
        _view: Optional[Dict[str, Any]] = None,
    ) -> None:
        if _view is None:
            if name is None:
                raise ValueError("Model needs a name")
            _view = workspace._client.request("GET", _version_path(workspace, name, version))
        self.workspace = workspace
        self._load(_view)

    def _load(self, view: Dict[str, Any]) -> None:
        self.name: str = view["name"]
        self.version: int = int(view["version"])
        self.type: str = view["type"]
        self.description: str = view["description"]
        self.tags: Dict[str, str] = dict(view["tags"])
        self.aliases: List[str] = list(view["aliases"])
        self.is_archived: bool = bool(view["isArchived"])
        self.run_id: Optional[str] = view.get("sourceRunId")
        self.flavors: Optional[Dict[str, Any]] = view.get("flavors")
        self.signature: Optional[Dict[str, Any]] = view.get("signature")
        self.total_size: int = int(view["totalSize"])
        self.file_count: int = int(view["fileCount"])
        self.digest: str = view["digest"]

    @classmethod
    def register(
        cls,
        workspace: Workspace,
        model_path: "Union[str, os.PathLike[str]]",
        model_name: str,
        tags: Optional[Dict[str, str]] = None,
        description: Optional[str] = None,
        model_type: Optional[str] = None,
    ) -> "Model":
        """Registers a local folder (or one file) as the next version of `model_name`."""
        source = os.path.abspath(os.fspath(model_path))
        if not os.path.exists(source):
            raise FileNotFoundError(source)
        query: Dict[str, str] = {}
        if description is not None:
            query["description"] = description
        if model_type is not None:
            query["type"] = model_type
        if tags is not None:
            import json

            query["tags"] = json.dumps(tags)
        path = f"/workspaces/{workspace.id}/models/{_quote(model_name)}/upload?{urllib.parse.urlencode(query)}"
        with tempfile.TemporaryFile() as archive:
            with tarfile.open(fileobj=archive, mode="w") as tar:
                if os.path.isdir(source):
                    for entry in sorted(os.listdir(source)):
                        tar.add(os.path.join(source, entry), arcname=entry)
                else:
                    tar.add(source, arcname=os.path.basename(source))
            archive.seek(0)
            view = workspace._client.upload(path, archive, method="POST", content_type="application/x-tar")
        return cls(workspace, _view=view)

    @classmethod
    def list(cls, workspace: Workspace, name: Optional[str] = None) -> "List[Model]":
        """The latest version of every registered model (of the one named `name`, when given)."""
        found = workspace._client.request("GET", f"/workspaces/{workspace.id}/models")["models"]
        return [
            cls(workspace, m["name"], m["latestVersion"])
            for m in found
            if m["latestVersion"] is not None and (name is None or m["name"] == name)
        ]

    def download(self, target_dir: "Union[str, os.PathLike[str]]" = ".", exist_ok: bool = False) -> str:
        """Writes the version's files under `target_dir` and returns that folder."""
        target = os.path.abspath(os.fspath(target_dir))
        if os.path.isdir(target) and os.listdir(target) and not exist_ok:
            raise FileExistsError(f"{target} is not empty; pass exist_ok=True to write into it")
        os.makedirs(target, exist_ok=True)
        with self.workspace._client.open_download(f"{_version_path(self.workspace, self.name, self.version)}/download") as response:
            extract_tar(response, target)
        return target

    def as_named_input(self, name: str) -> ModelConsumptionConfig:
        """This version as a job's input `name`, for a ScriptRunConfig's arguments."""
        return ModelConsumptionConfig(name, self)

    def set_alias(self, alias: str) -> "Model":
        """Points `alias` at this version, moving it from any other."""
        view = self.workspace._client.request(
            "PUT", f"/workspaces/{self.workspace.id}/models/{_quote(self.name)}/aliases/{_quote(alias)}", {"version": self.version}
        )
        self._load(view)
        return self

    def __repr__(self) -> str:
        return f"Model(name={self.name!r}, version={self.version}, type={self.type!r})"


def register_run_model(
    workspace: Workspace,
    run_id: str,
    model_name: str,
    model_path: str,
    tags: Optional[Dict[str, str]] = None,
    description: Optional[str] = None,
) -> Model:
    body: Dict[str, Any] = {"runId": run_id, "path": model_path}
    if tags is not None:
        body["tags"] = tags
    if description is not None:
        body["description"] = description
    view = workspace._client.request("POST", f"/workspaces/{workspace.id}/models/{_quote(model_name)}/versions", body)
    return Model(workspace, _view=view)


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _version_path(workspace: Workspace, name: str, version: Optional[Union[int, str]]) -> str:
    return f"/workspaces/{workspace.id}/models/{_quote(name)}/versions/{_quote(str(version or 'latest'))}"
