"""Online and batch endpoints, in Azure ML's words: `OnlineEndpoint.create/get`, `.invoke`,
`OnlineDeployment.create`, and `BatchEndpoint.get(...).invoke(data=...)`.

    endpoint = OnlineEndpoint.create(ws, "iris")
    OnlineDeployment.create(ws, "iris", "blue", model="iris@champion", code="./scoring")
    endpoint.wait_for_deployment("blue")
    endpoint.update_traffic({"blue": 100})
    endpoint.invoke({"data": [[1, 2]]})
"""

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Optional, Union

from ._client import CrucibleError
from .run import Run
from .workspace import Workspace

# Scoring code is sent as text files; a code folder holds scripts, not data.
MAX_CODE_FILE_BYTES = 1024 * 1024


class OnlineDeployment:
    """One deployment of an online endpoint: a model version served by `instance_count` containers."""

    def __init__(self, workspace: Workspace, view: Dict[str, Any]) -> None:
        self.workspace = workspace
        self._load(view)

    def _load(self, view: Dict[str, Any]) -> None:
        self.name: str = view["name"]
        self.endpoint_name: str = view["endpoint_name"]
        self.model: str = view["model"]
        self.model_version: int = int(view["model_version"]["version"])
        self.environment: str = view["environment"]
        self.instance_count: int = int(view["instance_count"])
        self.state: str = view["state"]
        self.error: Optional[str] = view.get("error")
        self.instances: List[Dict[str, Any]] = list(view["instances"])

    @classmethod
    def create(
        cls,
        workspace: Workspace,
        endpoint: str,
        name: str,
        model: str,
        instance_count: int = 1,
        code: "Union[None, str, os.PathLike[str], Dict[str, str]]" = None,
        scoring_script: str = "score.py",
        environment: Optional[str] = None,
        **settings: Any,
    ) -> "OnlineDeployment":
        """Adds a deployment with no traffic yet. `model` is `name:version`, `name@alias` or `name`;
        `code` a local folder (or `{path: text}`) holding `scoring_script` with init() and run(raw_data),
        left out for an mlflow_model. Other deployment YAML fields (`request_settings`,
        `liveness_probe`, `resources`, …) pass through as keyword arguments."""
        body: Dict[str, Any] = {"name": name, "model": model, "instance_count": instance_count, **settings}
        if code is not None:
            files = dict(code) if isinstance(code, dict) else _read_code_folder(os.fspath(code))
            body["code_configuration"] = {"code": files, "scoring_script": scoring_script}
        if environment is not None:
            body["environment"] = environment
        view = workspace._client.request("POST", f"{_online_path(workspace, endpoint)}/deployments", body)
        return cls(workspace, view)

    def __repr__(self) -> str:
        return f"OnlineDeployment(name={self.name!r}, model={self.model!r}, state={self.state!r})"


class OnlineEndpoint:
    """An online endpoint: a stable scoring URL in front of deployments that share its traffic."""

    def __init__(self, workspace: Workspace, view: Dict[str, Any]) -> None:
        self.workspace = workspace
        self._key: Optional[str] = None
        self._load(view)

    def _load(self, view: Dict[str, Any]) -> None:
        self.name: str = view["name"]
        self.description: str = view["description"]
        self.auth_mode: str = view["auth_mode"]
        self.scoring_uri: str = f"{self.workspace.url}{view['scoring_uri']}"
        self.traffic: Dict[str, int] = dict(view["traffic"])
        self.mirror_traffic: Dict[str, int] = dict(view["mirror_traffic"])
        self._deployments = [OnlineDeployment(self.workspace, d) for d in view["deployments"]]

    @classmethod
    def get(cls, workspace: Workspace, name: str) -> "OnlineEndpoint":
        return cls(workspace, workspace._client.request("GET", _online_path(workspace, name)))

    @classmethod
    def create(cls, workspace: Workspace, name: str, auth_mode: str = "key", description: Optional[str] = None) -> "OnlineEndpoint":
        """`auth_mode` is `key` (two regenerable keys) or `token` (a Crucible API token allowed to invoke)."""
        body: Dict[str, Any] = {"name": name, "auth_mode": auth_mode}
        if description is not None:
            body["description"] = description
        return cls(workspace, workspace._client.request("POST", f"/workspaces/{workspace.id}/online-endpoints", body))

    @property
    def deployments(self) -> Dict[str, OnlineDeployment]:
        """The endpoint's deployments by name, as they are now."""
        self.refresh()
        return {d.name: d for d in self._deployments}

    def refresh(self) -> "OnlineEndpoint":
        self._load(self.workspace._client.request("GET", _online_path(self.workspace, self.name)))
        return self

    def update_traffic(self, traffic: Dict[str, int], mirror_traffic: Optional[Dict[str, int]] = None) -> "OnlineEndpoint":
        """Weights over deployments summing to 100 (or 0); a mirror share to one deployment."""
        body: Dict[str, Any] = {"traffic": traffic}
        if mirror_traffic is not None:
            body["mirror_traffic"] = mirror_traffic
        self._load(self.workspace._client.request("PATCH", _online_path(self.workspace, self.name), body))
        return self

    def get_keys(self) -> Dict[str, str]:
        """The two keys, `primaryKey` and `secondaryKey` (Owners only)."""
        keys: Dict[str, str] = self.workspace._client.request("POST", f"{_online_path(self.workspace, self.name)}/get-credentials", {})
        return keys

    def wait_for_deployment(self, name: str, timeout: float = 300.0, poll_interval: float = 1.0) -> OnlineDeployment:
        """Waits until deployment `name` is Ready; a Failed one raises with its error."""
        deadline = time.monotonic() + timeout
        while True:
            deployment = self.deployments.get(name)
            if deployment is None:
                raise CrucibleError("NOT_FOUND", f"Endpoint '{self.name}' has no deployment named '{name}'", 404)
            if deployment.state == "Ready":
                return deployment
            if deployment.state == "Failed":
                raise CrucibleError("DEPLOYMENT_FAILED", deployment.error or "The deployment failed")
            if time.monotonic() > deadline:
                raise TimeoutError(f"Deployment '{name}' is still {deployment.state} after {timeout:g} s")
            time.sleep(poll_interval)

    def invoke(self, data: Any, deployment: Optional[str] = None, timeout: float = 60.0) -> Any:
        """Scores `data` (JSON-encoded unless it is already `str` or `bytes`) through the scoring URL
        and returns the decoded answer. `deployment` skips the traffic split and asks that one.
        A key endpoint is called with its primary key when this caller may read the keys, else
        (and for a token endpoint) with the caller's own token."""
        body = data if isinstance(data, bytes) else (data if isinstance(data, str) else json.dumps(data)).encode("utf-8")
        req = urllib.request.Request(self.scoring_uri, data=body, method="POST")
        req.add_header("Authorization", f"Bearer {self._credential()}")
        req.add_header("Content-Type", "application/json")
        if deployment is not None:
            req.add_header("x-crucible-deployment", deployment)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            raise _scoring_error(error) from None
        try:
            return json.loads(payload) if payload else None
        except ValueError:
            return payload.decode("utf-8", errors="replace")

    def delete(self) -> None:
        self.workspace._client.request("DELETE", _online_path(self.workspace, self.name))

    def _credential(self) -> str:
        if self.auth_mode == "token":
            return self.workspace.token
        if self._key is None:
            try:
                self._key = self.get_keys()["primaryKey"]
            except CrucibleError as error:
                if error.code != "FORBIDDEN":
                    raise
                # Without the keys a member may still be let in by a token with endpoint:invoke.
                self._key = self.workspace.token
        return self._key

    def __repr__(self) -> str:
        return f"OnlineEndpoint(name={self.name!r}, traffic={self.traffic!r})"


class BatchEndpoint:
    """A batch endpoint: invoking it with a data asset version starts a job over its files."""

    def __init__(self, workspace: Workspace, view: Dict[str, Any]) -> None:
        self.workspace = workspace
        self.name: str = view["name"]
        self.description: str = view["description"]
        self.default_deployment: Optional[str] = view.get("defaultDeployment")
        self.deployments: List[str] = [d["name"] for d in view["deployments"]]

    @classmethod
    def get(cls, workspace: Workspace, name: str) -> "BatchEndpoint":
        return cls(workspace, workspace._client.request("GET", _batch_path(workspace, name)))

    def invoke(self, data: str, deployment: Optional[str] = None, output_name: Optional[str] = None) -> Run:
        """Scores a data asset version (`name:version`, `name@latest` or `crucible:name:version`)
        and returns the job's run: `wait_for_completion()` follows it."""
        body: Dict[str, Any] = {"input": data}
        if deployment is not None:
            body["deploymentName"] = deployment
        if output_name is not None:
            body["outputName"] = output_name
        job = self.workspace._client.request("POST", f"{_batch_path(self.workspace, self.name)}/invoke", body)
        return Run(self.workspace, job["runId"], job["displayName"], status=job["status"])

    def list_jobs(self) -> List[Dict[str, Any]]:
        """The endpoint's invocations, newest first: status, mini-batch progress and output."""
        jobs: List[Dict[str, Any]] = self.workspace._client.request("GET", f"{_batch_path(self.workspace, self.name)}/jobs")
        return jobs

    def __repr__(self) -> str:
        return f"BatchEndpoint(name={self.name!r}, default_deployment={self.default_deployment!r})"


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _online_path(workspace: Workspace, name: str) -> str:
    return f"/workspaces/{workspace.id}/online-endpoints/{_quote(name)}"


def _batch_path(workspace: Workspace, name: str) -> str:
    return f"/workspaces/{workspace.id}/batch-endpoints/{_quote(name)}"


def _read_code_folder(root: str) -> Dict[str, str]:
    """A scoring code folder as `{relative path: text}`, skipping caches and hidden files."""
    if not os.path.isdir(root):
        raise FileNotFoundError(f"No code folder at {root}")
    files: Dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(names):
            if name.startswith(".") or name.endswith(".pyc"):
                continue
            path = os.path.join(folder, name)
            if os.path.getsize(path) > MAX_CODE_FILE_BYTES:
                raise ValueError(f"{path} is over {MAX_CODE_FILE_BYTES} bytes; scoring code is text, keep data in the model")
            with open(path, encoding="utf-8") as f:
                files[os.path.relpath(path, root).replace(os.sep, "/")] = f.read()
    return files


def _scoring_error(error: "urllib.error.HTTPError") -> CrucibleError:
    """The scoring URL answers `{code, message}` from the router or `{error}` from a scoring script."""
    raw = error.read() or b""
    try:
        body = json.loads(raw)
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = str(body.get("code") or f"HTTP_{error.code}")
    message = str(body.get("message") or body.get("error") or raw.decode("utf-8", errors="replace") or error.reason)
    return CrucibleError(code, message, error.code)
