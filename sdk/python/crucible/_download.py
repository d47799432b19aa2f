"""Writing downloads safely: every file under the target folder, each written whole or not at all."""

import os
import shutil
import tarfile
import tempfile
from typing import IO, Any, List


def inside(root: str, relative: str) -> str:
    destination = os.path.abspath(os.path.join(root, relative))
    if not destination.startswith(root + os.sep):
        raise ValueError(f"refusing to write outside {root}: {relative}")
    return destination


def write_atomically(source: Any, destination: str) -> None:
    """Written to a temporary name and renamed, so an interrupted download leaves no half file."""
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=os.path.dirname(destination), prefix=".download-")
    try:
        with os.fdopen(handle, "wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
        os.replace(tmp, destination)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def extract_tar(stream: "IO[bytes]", target: str) -> List[str]:
    """The files of a streamed tar under `target`; returns the paths written."""
    written = []
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            if not member.isfile():
                continue
            source = archive.extractfile(member)
            if source is None:
                continue
            destination = inside(target, member.name)
            write_atomically(source, destination)
            written.append(destination)
    return written
