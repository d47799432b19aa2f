"""ScriptRunConfig into the job spec the REST API takes (no server needed)."""

import unittest

from crucible import ComputeTarget, Dataset, Environment, Model, OutputFileDatasetConfig, ScriptRunConfig


class ScriptRunConfigTest(unittest.TestCase):
    def test_a_script_with_arguments_becomes_a_quoted_command(self):
        config = ScriptRunConfig(source_directory="src", script="train.py", arguments=["--name", "two words", "--epochs", 3], environment=Environment("sk", 2), max_run_duration_seconds=600, tags={"n": 1})
        self.assertEqual(
            config._spec("digits"),
            {
                "command": "python3 train.py --name 'two words' --epochs 3",
                "code": ".",
                "environment": "sk:2",
                "compute": "local",
                "experiment_name": "digits",
                "limits": {"timeout": 600},
                "tags": {"n": "1"},
            },
        )

    def test_defaults_and_a_command_as_a_list(self):
        target = ComputeTarget.__new__(ComputeTarget)
        target.name = "gpu"
        spec = ScriptRunConfig(command=["bash", "-c", "echo $HOME"], compute_target=target)._spec("e")
        self.assertEqual((spec["command"], spec["environment"], spec["compute"]), ("bash -c 'echo $HOME'", "crucible-sklearn", "gpu"))
        self.assertEqual(ScriptRunConfig(command="echo hi && ls", environment="sk")._spec("e")["command"], "echo hi && ls")

    def test_data_in_the_arguments_becomes_pinned_inputs_and_registered_outputs(self):
        view = {"name": "digits", "version": 3, "type": "uri_folder", "description": "", "tags": {}, "isArchived": False, "totalSize": 1, "fileCount": 1, "digest": "d"}
        digits = Dataset(None, view)  # type: ignore[arg-type]
        config = ScriptRunConfig(
            script="train.py",
            arguments=["--data", digits.as_named_input("train").as_download(), "--out", OutputFileDatasetConfig("model").register_on_complete("digits-model")],
        )
        spec = config._spec("e")
        self.assertEqual(spec["command"], "python3 train.py --data '${{inputs.train}}' --out '${{outputs.model}}'")
        self.assertEqual(spec["inputs"], {"train": {"type": "uri_folder", "path": "crucible:digits:3", "mode": "download"}})
        self.assertEqual(spec["outputs"], {"model": {"type": "uri_folder", "name": "digits-model"}})
        self.assertEqual(digits.as_named_input("train")._input()["mode"], "ro_mount")
        self.assertNotIn("name", OutputFileDatasetConfig("x")._output())

    def test_a_model_in_the_arguments_becomes_an_input_pinned_to_its_version(self):
        view = {"name": "clf", "version": 4, "type": "mlflow_model", "description": "", "tags": {}, "aliases": ["champion"], "isArchived": False, "totalSize": 1, "fileCount": 1, "digest": "d"}
        champion = Model(None, _view=view)  # type: ignore[arg-type]
        config = ScriptRunConfig(script="score.py", arguments=["--model", champion.as_named_input("clf")])
        spec = config._spec("e")
        self.assertEqual(spec["command"], "python3 score.py --model '${{inputs.clf}}'")
        self.assertEqual(spec["inputs"], {"clf": {"type": "mlflow_model", "path": "crucible:models/clf:4", "mode": "ro_mount"}})
        self.assertEqual(champion.as_named_input("clf").as_download()._input()["mode"], "download")

    def test_script_or_command_exactly_once(self):
        with self.assertRaises(ValueError):
            ScriptRunConfig(source_directory=".")
        with self.assertRaises(ValueError):
            ScriptRunConfig(script="a.py", command="python3 a.py")
        with self.assertRaises(ValueError):
            ScriptRunConfig(command="python3 a.py", arguments=["x"])


if __name__ == "__main__":
    unittest.main()
