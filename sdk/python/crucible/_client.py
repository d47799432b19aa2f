"""HTTP calls to the Crucible REST API (/api/v1), with retries for transient failures."""

import json
import math
import os
import random
import time
import urllib.error
import urllib.request
from typing import IO, Any, Dict, Optional, Union


class CrucibleError(Exception):
    """An error answered by the server: `code` is its error code, `status` the HTTP status."""

    def __init__(self, code: str, message: str, status: int = 0) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


# Worth retrying: the server is restarting, overloaded, or the network blinked.
RETRY_STATUSES = {408, 429, 500, 502, 503, 504}


def encode_float(value: float) -> Any:
    """JSON has no NaN or Infinity; the API takes them as strings."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def decode_float(value: Any) -> float:
    return float(value) if isinstance(value, str) else value


class Client:
    def __init__(self, url: str, token: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None, retries: int = 4) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        attempt = 0
        while True:
            req = urllib.request.Request(f"{self.url}/api/v1{path}", data=data, method=method)
            req.add_header("Authorization", f"Bearer {self.token}")
            if data is not None:
                req.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as response:
                    payload = response.read()
                    return json.loads(payload) if payload else None
            except urllib.error.HTTPError as error:
                if error.code in RETRY_STATUSES and attempt < retries:
                    attempt += 1
                    time.sleep(backoff(attempt))
                    continue
                raise to_crucible_error(error) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                if attempt < retries:
                    attempt += 1
                    time.sleep(backoff(attempt))
                    continue
                raise


    def upload(
        self,
        path: str,
        source: "Union[str, os.PathLike[str], IO[bytes]]",
        method: str = "PUT",
        content_type: str = "application/octet-stream",
    ) -> Any:
        """Sends a file as a stream: http.client sends a file object in chunks, not read whole."""
        opened = open(source, "rb") if isinstance(source, (str, os.PathLike)) else source
        try:
            size = os.fstat(opened.fileno()).st_size if hasattr(opened, "fileno") else None
            req = urllib.request.Request(f"{self.url}/api/v1{path}", data=opened, method=method)
            req.add_header("Authorization", f"Bearer {self.token}")
            req.add_header("Content-Type", content_type)
            if size is not None:
                req.add_header("Content-Length", str(size))
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as error:
                raise to_crucible_error(error) from None
        finally:
            if opened is not source:
                opened.close()

    def put_bytes(self, path: str, data: bytes, retries: int = 4) -> Any:
        """PUTs one chunk of a resumable upload; a chunk sent again at the same offset is harmless."""
        attempt = 0
        while True:
            req = urllib.request.Request(f"{self.url}/api/v1{path}", data=data, method="PUT")
            req.add_header("Authorization", f"Bearer {self.token}")
            req.add_header("Content-Type", "application/octet-stream")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as error:
                if error.code in RETRY_STATUSES and attempt < retries:
                    attempt += 1
                    time.sleep(backoff(attempt))
                    continue
                raise to_crucible_error(error) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                if attempt < retries:
                    attempt += 1
                    time.sleep(backoff(attempt))
                    continue
                raise

    def open_download(self, path: str) -> Any:
        """A download's open response (headers and a file-like body); the caller closes it."""
        req = urllib.request.Request(f"{self.url}/api/v1{path}")
        req.add_header("Authorization", f"Bearer {self.token}")
        try:
            return urllib.request.urlopen(req, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            raise to_crucible_error(error) from None

    def download(self, path: str, target: str) -> None:
        import shutil
        import tempfile

        req = urllib.request.Request(f"{self.url}/api/v1{path}")
        req.add_header("Authorization", f"Bearer {self.token}")
        folder = os.path.dirname(os.path.abspath(target))
        os.makedirs(folder, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".download-")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response, os.fdopen(handle, "wb") as out:
                shutil.copyfileobj(response, out, 1024 * 1024)
            os.replace(tmp, target)
        except urllib.error.HTTPError as error:
            raise to_crucible_error(error) from None
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)


def backoff(attempt: int, cap: float = 10.0) -> float:
    """Exponential backoff with jitter: 0.25 s, 0.5 s, 1 s, … up to `cap`."""
    return min(cap, 0.25 * (2 ** min(attempt - 1, 30))) * (0.5 + random.random() / 2)


def to_crucible_error(error: "urllib.error.HTTPError") -> CrucibleError:
    try:
        body = json.loads(error.read() or b"{}")
        return CrucibleError(body.get("code", "ERROR"), body.get("message", error.reason), error.code)
    except ValueError:
        return CrucibleError("ERROR", str(error.reason), error.code)
