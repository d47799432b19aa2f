"""Data assets from the SDK against a live Crucible server."""

import os
import tempfile
import unittest
import uuid

from crucible import CrucibleError, Dataset, Workspace


class DatasetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace.from_config()

    def test_uploads_versions_and_downloads_a_folder(self):
        name = f"sdk-data-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as source:
            os.makedirs(os.path.join(source, "sub"))
            with open(os.path.join(source, "a.csv"), "w") as f:
                f.write("x,y\n1,2\n")
            with open(os.path.join(source, "sub", "b.txt"), "wb") as f:
                f.write(os.urandom(20_000))
            first = Dataset.upload(self.ws, name, source, description="first", tags={"stage": "raw"})
            self.assertEqual((first.version, first.file_count, first.total_size), (1, 2, 20_008))
            self.assertEqual(first.upload_summary["newBytes"], 20_008)
            second = Dataset.upload(self.ws, name, source)
            self.assertEqual(second.version, 2)
            self.assertEqual(second.upload_summary["newBytes"], 0)
            self.assertEqual(second.digest, first.digest)

            latest = Dataset.get_by_name(self.ws, name)
            self.assertEqual(latest.version, 2)
            self.assertEqual(Dataset.get_by_name(self.ws, name, version=1).tags, {"stage": "raw"})
            with tempfile.TemporaryDirectory() as target:
                written = latest.download(target)
                self.assertEqual(len(written), 2)
                with open(os.path.join(source, "sub", "b.txt"), "rb") as a, open(os.path.join(target, "sub", "b.txt"), "rb") as b:
                    self.assertEqual(a.read(), b.read())

    def test_a_uri_file_downloads_as_its_file_and_tables_get_a_schema(self):
        name = f"sdk-table-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as source:
            path = os.path.join(source, "iris.csv")
            with open(path, "w") as f:
                f.write("sepal,species\n5.1,setosa\n")
            table = Dataset.upload(self.ws, name, path, type="table")
            self.assertEqual(table.table_schema, [{"name": "sepal", "type": "float"}, {"name": "species", "type": "string"}])
            with tempfile.TemporaryDirectory() as target:
                self.assertEqual(table.download(target), [os.path.join(target, "iris.csv")])

    def test_a_missing_version_is_an_error(self):
        with self.assertRaises(CrucibleError) as caught:
            Dataset.get_by_name(self.ws, f"missing-{uuid.uuid4().hex[:8]}")
        self.assertEqual(caught.exception.code, "NOT_FOUND")


if __name__ == "__main__":
    unittest.main()
