"""Versioned data assets, in Azure ML SDK v1's words: `Dataset.get_by_name`, `.download`, and
`Dataset.upload` for a local file or folder."""

import os
import re
import urllib.parse
from typing import Any, Dict, List, Optional, Tuple, Union

from ._download import extract_tar, inside, write_atomically
from .data_config import DatasetConsumptionConfig
from .workspace import Workspace

CHUNK_BYTES = 8 * 1024 * 1024


class Dataset:
    """One version of a data asset: its files never change; `version` is a number from 1."""

    def __init__(self, workspace: Workspace, view: Dict[str, Any]) -> None:
        self.workspace = workspace
        self.name: str = view["name"]
        self.version: int = int(view["version"])
        self.type: str = view["type"]
        self.description: str = view["description"]
        self.tags: Dict[str, str] = dict(view["tags"])
        self.is_archived: bool = bool(view["isArchived"])
        self.total_size: int = int(view["totalSize"])
        self.file_count: int = int(view["fileCount"])
        self.digest: str = view["digest"]
        self.table_schema: Optional[List[Dict[str, str]]] = view.get("tableSchema")
        self.upload_summary: Optional[Dict[str, int]] = view.get("upload")

    def as_named_input(self, name: str) -> "DatasetConsumptionConfig":
        """This version as a job's input `name`, for a ScriptRunConfig's arguments."""
        return DatasetConsumptionConfig(name, self)

    @classmethod
    def get_by_name(cls, workspace: Workspace, name: str, version: Union[int, str] = "latest") -> "Dataset":
        """A version by number, or the newest one not archived (`"latest"`)."""
        return cls(workspace, workspace._client.request("GET", _version_path(workspace, name, version)))

    @classmethod
    def upload(
        cls,
        workspace: Workspace,
        name: str,
        path: "Union[str, os.PathLike[str]]",
        type: str = "uri_folder",
        description: Optional[str] = None,
        tags: Optional[Dict[str, str]] = None,
    ) -> "Dataset":
        """Uploads a local file or folder as the next version of `name`, in chunks. Content the
        workspace already stores is not stored again; `upload_summary` says how much was new."""
        files = _local_files(os.fspath(path))
        if not files:
            raise ValueError(f"{path} has no files to upload")
        body: Dict[str, Any] = {"name": name, "type": type, "files": [{"path": p, "size": s} for p, _, s in files]}
        if description is not None:
            body["description"] = description
        if tags is not None:
            body["tags"] = tags
        client = workspace._client
        base = f"/workspaces/{workspace.id}/data/uploads"
        session = client.request("POST", base, body)
        for state, (_, absolute, size) in zip(session["files"], files):
            with open(absolute, "rb") as handle:
                offset = int(state["received"])
                handle.seek(offset)
                while offset < size:
                    chunk = handle.read(min(CHUNK_BYTES, size - offset))
                    if not chunk:
                        raise OSError(f"{absolute} shrank while it was being uploaded")
                    client.put_bytes(f"{base}/{session['uploadId']}/files/{state['index']}?offset={offset}", chunk)
                    offset += len(chunk)
        return cls(workspace, client.request("POST", f"{base}/{session['uploadId']}/commit", {}))

    def download(self, target_path: "Union[str, os.PathLike[str]]") -> List[str]:
        """Writes the version's files under `target_path` (a uri_file as its one file); returns their paths."""
        target = os.path.abspath(os.fspath(target_path))
        os.makedirs(target, exist_ok=True)
        path = f"{_version_path(self.workspace, self.name, self.version)}/download"
        with self.workspace._client.open_download(path) as response:
            if response.headers.get("Content-Type") != "application/x-tar":
                match = re.search(r"filename\*=UTF-8''([^;]+)", response.headers.get("Content-Disposition", ""))
                name = urllib.parse.unquote(match.group(1)) if match else self.name
                destination = inside(target, name)
                write_atomically(response, destination)
                return [destination]
            return extract_tar(response, target)

    def __repr__(self) -> str:
        return f"Dataset(name={self.name!r}, version={self.version}, type={self.type!r})"


def _version_path(workspace: Workspace, name: str, version: Union[int, str]) -> str:
    return f"/workspaces/{workspace.id}/data/{urllib.parse.quote(name, safe='')}/versions/{version}"


def _local_files(root: str) -> List[Tuple[str, str, int]]:
    if os.path.isfile(root):
        return [(os.path.basename(root), root, os.path.getsize(root))]
    if not os.path.isdir(root):
        raise FileNotFoundError(root)
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            absolute = os.path.join(folder, name)
            if os.path.isfile(absolute):
                relative = os.path.relpath(absolute, root).replace(os.sep, "/")
                found.append((relative, absolute, os.path.getsize(absolute)))
    return sorted(found)
