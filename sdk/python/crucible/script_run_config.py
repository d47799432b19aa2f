"""What to run, where and with what, in Azure ML SDK v1's words; `Experiment.submit` turns it
into a command job (the REST API's job spec) and uploads `source_directory` as its snapshot."""

import shlex
from typing import Any, Dict, Mapping, Optional, Sequence, Union

from .compute_target import ComputeTarget
from .data_config import DatasetConsumptionConfig, ModelConsumptionConfig, OutputFileDatasetConfig
from .environment import Environment

# Azure ML runs a script without a named environment in a curated default; this is Crucible's.
DEFAULT_ENVIRONMENT = "crucible-sklearn"
# Azure ML's default compute target is "local"; here it names the studio's own Docker host.
DEFAULT_COMPUTE = "local"


class ScriptRunConfig:
    """`script` with `arguments`, or a whole `command`, run in `source_directory` (uploaded as the
    run's snapshot) on `compute_target` with `environment`."""

    def __init__(
        self,
        source_directory: str = ".",
        script: Optional[str] = None,
        arguments: Optional[Sequence[Any]] = None,
        compute_target: Union[str, ComputeTarget] = DEFAULT_COMPUTE,
        environment: Union[str, Environment, None] = None,
        command: Union[str, Sequence[str], None] = None,
        max_run_duration_seconds: Optional[int] = None,
        environment_variables: Optional[Mapping[str, str]] = None,
        resources: Optional[Mapping[str, Any]] = None,
        display_name: Optional[str] = None,
        tags: Optional[Mapping[str, Any]] = None,
    ) -> None:
        if (script is None) == (command is None):
            raise ValueError("ScriptRunConfig needs a script or a command, not both")
        if command is not None and arguments:
            raise ValueError("arguments go with a script; put them in the command instead")
        self.source_directory = source_directory
        self.script = script
        self.arguments = list(arguments or [])
        self.compute_target = compute_target
        self.environment = environment
        self.command = command
        self.max_run_duration_seconds = max_run_duration_seconds
        self.environment_variables = dict(environment_variables or {})
        self.resources = dict(resources or {})
        self.display_name = display_name
        self.tags = dict(tags or {})

    def _command_line(self) -> str:
        if self.script is not None:
            # python3: the curated images (Debian) have no `python`.
            return shlex.join(["python3", self.script, *(str(a) for a in self.arguments)])
        if isinstance(self.command, str):
            return self.command
        return shlex.join(str(part) for part in self.command or [])

    def _spec(self, experiment_name: str) -> Dict[str, Any]:
        """The job spec POST /workspaces/{id}/jobs takes; the snapshot is uploaded after it."""
        environment = self.environment or DEFAULT_ENVIRONMENT
        compute = self.compute_target
        spec: Dict[str, Any] = {
            "command": self._command_line(),
            "code": ".",
            "environment": environment.reference() if isinstance(environment, Environment) else environment,
            "compute": compute.name if isinstance(compute, ComputeTarget) else compute,
            "experiment_name": experiment_name,
        }
        if self.display_name:
            spec["display_name"] = self.display_name
        if self.environment_variables:
            spec["environment_variables"] = self.environment_variables
        if self.resources:
            spec["resources"] = self.resources
        if self.max_run_duration_seconds:
            spec["limits"] = {"timeout": int(self.max_run_duration_seconds)}
        if self.tags:
            spec["tags"] = {str(k): str(v) for k, v in self.tags.items()}
        inputs = {a.name: a._input() for a in self.arguments if isinstance(a, (DatasetConsumptionConfig, ModelConsumptionConfig))}
        outputs = {a.name: a._output() for a in self.arguments if isinstance(a, OutputFileDatasetConfig)}
        if inputs:
            spec["inputs"] = inputs
        if outputs:
            spec["outputs"] = outputs
        return spec

    def __repr__(self) -> str:
        return f"ScriptRunConfig(source_directory={self.source_directory!r}, command={self._command_line()!r})"
