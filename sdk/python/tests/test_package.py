"""The package as installed from its wheel: version, type information, and the code it is."""

import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

import crucible

HERE = Path(__file__).resolve().parent
PACKAGE_JSON = HERE.parents[2] / "package.json"


def is_installed() -> bool:
    """From a wheel (site-packages), not from the source tree on sys.path."""
    return not Path(crucible.__file__).resolve().is_relative_to(HERE.parent)


class PackageTest(unittest.TestCase):
    @unittest.skipUnless(PACKAGE_JSON.exists(), "not in the studio's repository")
    def test_version_is_the_studios(self):
        self.assertEqual(crucible.__version__, json.loads(PACKAGE_JSON.read_text())["version"])

    def test_the_installed_package_is_typed(self):
        self.assertTrue((Path(crucible.__file__).parent / "py.typed").is_file())

    def test_the_wheel_is_what_is_tested(self):
        # Set by the step that installs the wheel into a venv of its own and runs this suite there.
        venv = os.environ.get("CRUCIBLE_SDK_VENV")
        if not venv:
            self.skipTest("CRUCIBLE_SDK_VENV is not set: running from the source tree")
        self.assertTrue(Path(crucible.__file__).resolve().is_relative_to(Path(venv).resolve()), crucible.__file__)

    def test_user_code_type_checks_strictly_against_the_installed_package(self):
        try:
            import mypy  # noqa: F401
        except ImportError:
            self.skipTest("mypy is not installed")
        if not is_installed():
            self.skipTest("checks the installed package, and crucible is imported from the source tree")
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, str(HERE / "typed_usage.py")],
            capture_output=True,
            text=True,
            cwd=HERE,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Success", result.stdout)


if __name__ == "__main__":
    unittest.main()
