"""A job's data, in Azure ML SDK v1's words: `dataset.as_named_input("digits").as_mount()`,
`Model(ws, "clf", "champion").as_named_input("model")` and
`OutputFileDatasetConfig("model").register_on_complete("digits-model")` go into a
ScriptRunConfig's arguments and stand there for the folder the job sees."""

from typing import TYPE_CHECKING, Any, Dict, Optional

if TYPE_CHECKING:
    from .dataset import Dataset
    from .model import Model


class DatasetConsumptionConfig:
    """A data asset version given to a job as the input `name`: read-only (`as_mount`, the
    default) or a writable copy (`as_download`), under /crucible/inputs/<name>."""

    def __init__(self, name: str, dataset: "Dataset", mode: str = "ro_mount") -> None:
        self.name = name
        self.dataset = dataset
        self.mode = mode

    def as_mount(self) -> "DatasetConsumptionConfig":
        return DatasetConsumptionConfig(self.name, self.dataset, "ro_mount")

    def as_download(self) -> "DatasetConsumptionConfig":
        return DatasetConsumptionConfig(self.name, self.dataset, "download")

    def _input(self) -> Dict[str, Any]:
        # The version is pinned here: the job reads what the script saw when it was configured.
        return {
            "type": "uri_file" if self.dataset.type == "uri_file" else "uri_folder",
            "path": f"crucible:{self.dataset.name}:{self.dataset.version}",
            "mode": self.mode,
        }

    def __str__(self) -> str:
        return "${{inputs.%s}}" % self.name

    def __repr__(self) -> str:
        return f"DatasetConsumptionConfig({self.name!r}, {self.dataset.name}:{self.dataset.version}, mode={self.mode!r})"


class ModelConsumptionConfig:
    """A registered model version given to a job as the input `name`: read-only (`as_mount`, the
    default) or a writable copy (`as_download`), under /crucible/inputs/<name>."""

    def __init__(self, name: str, model: "Model", mode: str = "ro_mount") -> None:
        self.name = name
        self.model = model
        self.mode = mode

    def as_mount(self) -> "ModelConsumptionConfig":
        return ModelConsumptionConfig(self.name, self.model, "ro_mount")

    def as_download(self) -> "ModelConsumptionConfig":
        return ModelConsumptionConfig(self.name, self.model, "download")

    def _input(self) -> Dict[str, Any]:
        # The version the Model object resolved (an alias included) is the one the job reads.
        return {
            "type": self.model.type,
            "path": f"crucible:models/{self.model.name}:{self.model.version}",
            "mode": self.mode,
        }

    def __str__(self) -> str:
        return "${{inputs.%s}}" % self.name

    def __repr__(self) -> str:
        return f"ModelConsumptionConfig({self.name!r}, {self.model.name}:{self.model.version}, mode={self.mode!r})"


class OutputFileDatasetConfig:
    """A folder the job fills, /crucible/outputs/<name>; when the job completes it becomes the next
    version of the data asset `register_on_complete` names (by default `<experiment>-<name>`)."""

    def __init__(self, name: str, register_name: Optional[str] = None) -> None:
        self.name = name
        self.register_name = register_name

    def register_on_complete(self, name: str) -> "OutputFileDatasetConfig":
        return OutputFileDatasetConfig(self.name, name)

    def _output(self) -> Dict[str, Any]:
        output: Dict[str, Any] = {"type": "uri_folder"}
        if self.register_name:
            output["name"] = self.register_name
        return output

    def __str__(self) -> str:
        return "${{outputs.%s}}" % self.name

    def __repr__(self) -> str:
        return f"OutputFileDatasetConfig({self.name!r}, register_name={self.register_name!r})"
