"""Crucible's Python SDK: log runs to a Crucible studio with the standard library only.

    from crucible import Workspace, Experiment

    ws = Workspace.from_config()
    exp = Experiment(ws, "digits")
    with exp.start_logging() as run:
        run.log_params({"lr": 0.01})
        for epoch in range(10):
            run.log("accuracy", 0.9, step=epoch)
"""

from ._checks import CrucibleWarning
from ._client import CrucibleError
from .experiment import Experiment
from .run import Run
from .workspace import Workspace

__all__ = ["Workspace", "Experiment", "Run", "CrucibleError", "CrucibleWarning"]
