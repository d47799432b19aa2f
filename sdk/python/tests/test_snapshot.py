"""Ignore rules and snapshot building (no server needed)."""

import os
import tarfile
import tempfile
import unittest

from crucible._snapshot import IgnoreRules, build_snapshot, snapshot_files


class IgnoreRulesTest(unittest.TestCase):
    def test_gitignore_semantics(self):
        rules = IgnoreRules(["# comment", "*.pyc", "data/", "/build", "!keep.pyc", "logs/**/*.log", "a?c"])
        self.assertTrue(rules.is_ignored("x.pyc", False))
        self.assertTrue(rules.is_ignored("pkg/deep/x.pyc", False))
        self.assertFalse(rules.is_ignored("pkg/keep.pyc", False))
        self.assertTrue(rules.is_ignored("data", True))
        self.assertTrue(rules.is_ignored("src/data", True))
        self.assertFalse(rules.is_ignored("data", False))
        self.assertTrue(rules.is_ignored("build", True))
        self.assertFalse(rules.is_ignored("src/build", True))
        self.assertTrue(rules.is_ignored("logs/a/b/x.log", False))
        self.assertTrue(rules.is_ignored("abc", False))
        self.assertFalse(rules.is_ignored("abbc", False))


class SnapshotTest(unittest.TestCase):
    def make_tree(self, folder, files):
        for name, content in files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(content)

    def test_amlignore_wins_over_gitignore_and_git_is_left_out(self):
        with tempfile.TemporaryDirectory() as folder:
            self.make_tree(folder, {".amlignore": "*.csv\n", ".gitignore": "*.py\n", "train.py": "print(1)", "data.csv": "1,2", ".git/HEAD": "ref", "pkg/util.py": "x = 1"})
            names = [name for _, name in snapshot_files(folder)]
            self.assertEqual(names, [".amlignore", ".gitignore", "train.py", "pkg/util.py"])

    def test_gitignore_when_no_amlignore(self):
        with tempfile.TemporaryDirectory() as folder:
            self.make_tree(folder, {".gitignore": "outputs/\n*.log\n", "train.py": "", "outputs/model.pkl": "", "run.log": ""})
            self.assertEqual([name for _, name in snapshot_files(folder)], [".gitignore", "train.py"])

    def test_refuses_a_folder_past_the_limit_with_the_largest_files_named(self):
        with tempfile.TemporaryDirectory() as folder:
            self.make_tree(folder, {"big.bin": "x" * 200_000, "small.py": "1"})
            with self.assertRaises(ValueError) as raised:
                build_snapshot(folder, limit_mb=0.1)
            self.assertIn("big.bin", str(raised.exception))
            archive = build_snapshot(folder, limit_mb=1)
            with tarfile.open(archive) as t:
                self.assertEqual(sorted(t.getnames()), ["big.bin", "small.py"])
            os.remove(archive)


if __name__ == "__main__":
    unittest.main()
