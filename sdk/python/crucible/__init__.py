"""Crucible's Python SDK: log runs to a Crucible studio and submit jobs to it, with the standard
library only, in Azure ML SDK v1's words.

    from crucible import Experiment, ScriptRunConfig, Workspace

    ws = Workspace.from_config()
    exp = Experiment(ws, "digits")
    with exp.start_logging() as run:
        run.log_params({"lr": 0.01})
        for epoch in range(10):
            run.log("accuracy", 0.9, step=epoch)

    config = ScriptRunConfig(source_directory=".", script="train.py", arguments=["--epochs", 10],
                             compute_target="local", environment="crucible-sklearn")
    exp.submit(config).wait_for_completion(show_output=True)
"""

from ._checks import CrucibleWarning
from ._client import CrucibleError
from ._version import __version__
from .compute_target import ComputeTarget
from .data_config import DatasetConsumptionConfig, ModelConsumptionConfig, OutputFileDatasetConfig
from .dataset import Dataset
from .endpoint import BatchEndpoint, OnlineDeployment, OnlineEndpoint
from .environment import Environment
from .experiment import Experiment
from .model import Model
from .run import Run, RunFailedError
from .script_run_config import ScriptRunConfig
from .workspace import Workspace

__all__ = [
    "BatchEndpoint",
    "ComputeTarget",
    "CrucibleError",
    "CrucibleWarning",
    "Dataset",
    "DatasetConsumptionConfig",
    "Environment",
    "Experiment",
    "Model",
    "ModelConsumptionConfig",
    "OnlineDeployment",
    "OnlineEndpoint",
    "OutputFileDatasetConfig",
    "Run",
    "RunFailedError",
    "ScriptRunConfig",
    "Workspace",
    "__version__",
]
