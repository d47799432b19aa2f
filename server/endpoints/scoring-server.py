"""Crucible's scoring server: one per online deployment instance, on a Unix socket.

GET /health/live answers as soon as the server runs; GET /health/ready once init() has returned;
POST /score hands the raw body to the scoring script's run(), or, for an MLflow model served
without a script, answers MLflow's /invocations formats. Standard library only, besides what the
model itself needs.
"""

import http.server
import importlib.util
import json
import os
import socketserver
import sys
import threading
import traceback

SOCKET_DIR = os.environ.get("CRUCIBLE_SOCKET_DIR", "/crucible/run")
MODEL_DIR = os.environ.get("AZUREML_MODEL_DIR", "/crucible/model")
CODE_DIR = os.environ.get("CRUCIBLE_CODE_DIR", "/crucible/code")
SCORING_SCRIPT = os.environ.get("CRUCIBLE_SCORING_SCRIPT", "")
MAX_BODY = 64 * 1024 * 1024

state = {"ready": False, "error": None}
scorer = {"run": None}


def log(message):
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def load_script():
    sys.path.insert(0, CODE_DIR)
    path = os.path.join(CODE_DIR, SCORING_SCRIPT)
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if hasattr(module, "init"):
        module.init()
    if not hasattr(module, "run"):
        raise RuntimeError(f"{SCORING_SCRIPT} defines no run(raw_data)")
    return lambda body: module.run(body.decode("utf-8"))


def read_mlmodel():
    # MLmodel is YAML; its top-level keys and the flavour's options are simple enough to read by hand.
    flavors, current = {}, None
    in_flavors = False
    with open(os.path.join(MODEL_DIR, "MLmodel"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            indent = len(line) - len(line.lstrip(" "))
            key, _, value = line.strip().partition(":")
            if indent == 0:
                in_flavors = key == "flavors"
                continue
            if not in_flavors:
                continue
            if indent == 2:
                current = flavors.setdefault(key, {})
            elif indent == 4 and current is not None:
                current[key] = value.strip().strip("'\"")
    return flavors


class InputError(ValueError):
    """A body in none of MLflow's input formats: the caller's mistake, answered 400 rather than 500."""


def mlflow_rows(payload):
    """The model input of MLflow's /invocations JSON formats, as a list of rows or a DataFrame."""
    if not isinstance(payload, dict):
        raise InputError("The body must be a JSON object with dataframe_split, dataframe_records, instances or inputs")
    if "dataframe_split" in payload:
        split = payload["dataframe_split"]
        if not isinstance(split, dict) or not isinstance(split.get("data"), list):
            raise InputError("dataframe_split must be an object with a data list (and optional columns)")
        columns = split.get("columns")
        try:
            import pandas

            return pandas.DataFrame(split["data"], columns=columns)
        except ImportError:
            return split["data"]
    if "dataframe_records" in payload:
        records = payload["dataframe_records"]
        if not isinstance(records, list):
            raise InputError("dataframe_records must be a list of records")
        try:
            import pandas

            return pandas.DataFrame.from_records(records)
        except ImportError:
            return [list(r.values()) if isinstance(r, dict) else r for r in records]
    for key in ("instances", "inputs"):
        if key in payload:
            return payload[key]
    raise InputError("The body must have one of dataframe_split, dataframe_records, instances, inputs")


def load_mlflow_model():
    try:
        import mlflow.pyfunc

        model = mlflow.pyfunc.load_model(MODEL_DIR)
        predict = model.predict
    except ImportError:
        flavors = read_mlmodel()
        sk = flavors.get("sklearn")
        if not sk:
            raise RuntimeError(
                f"This MLflow model's flavours are {sorted(flavors)}; without mlflow installed only sklearn is served"
            )
        import pickle

        with open(os.path.join(MODEL_DIR, sk.get("pickled_model", "model.pkl")), "rb") as f:
            predict = pickle.load(f).predict

    def run(body):
        try:
            payload = json.loads(body or b"null")
        except ValueError as error:
            raise InputError(f"The body is not JSON: {error}") from None
        rows = mlflow_rows(payload)
        result = predict(rows)
        return {"predictions": result.tolist() if hasattr(result, "tolist") else list(result)}

    return run


def initialise():
    try:
        scorer["run"] = load_script() if SCORING_SCRIPT else load_mlflow_model()
        state["ready"] = True
        log("init() returned; the instance is ready")
    except Exception as error:  # noqa: BLE001 - reported through the log and /health/ready
        state["error"] = f"{type(error).__name__}: {error}"
        traceback.print_exc()
        log(f"init() failed: {state['error']}")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "router"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def answer(self, status, payload):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/health/live":
            return self.answer(200, {"status": "live"})
        if self.path == "/health/ready":
            if state["ready"]:
                return self.answer(200, {"status": "ready"})
            return self.answer(503, {"status": "not ready", "error": state["error"]})
        self.answer(404, {"error": "not found"})

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self.answer(413, {"error": "body too large"})
        body = self.rfile.read(length)
        if self.path != "/score":
            return self.answer(404, {"error": "not found"})
        if not state["ready"]:
            return self.answer(503, {"error": "not ready"})
        try:
            result = scorer["run"](body)
        except InputError as error:
            return self.answer(400, {"error": str(error)})
        except Exception as error:  # noqa: BLE001 - the caller gets the script's message
            traceback.print_exc()
            return self.answer(500, {"error": f"{type(error).__name__}: {error}"})
        try:
            self.answer(200, result if isinstance(result, bytes) else json.loads(json.dumps(result, default=str)))
        except (TypeError, ValueError) as error:
            self.answer(500, {"error": f"run() returned something that is not JSON: {error}"})


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    path = os.path.join(SOCKET_DIR, "score.sock")
    if os.path.exists(path):
        os.unlink(path)
    server = Server(path, Handler)
    # The router may run as another user than the container's.
    os.chmod(path, 0o666)
    log(f"listening on {path}")
    threading.Thread(target=initialise, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
