"""User code that mypy --strict checks against the installed package (test_package.py): every
public name it uses must be annotated, and the package must say it is typed (py.typed)."""

from typing import Dict, List

from crucible import (
    BatchEndpoint,
    ComputeTarget,
    Environment,
    Experiment,
    OnlineDeployment,
    OnlineEndpoint,
    Run,
    RunFailedError,
    ScriptRunConfig,
    Workspace,
)


def train(ws: Workspace) -> float:
    exp = Experiment(ws, "typed")
    with exp.start_logging(display_name="typed", tags={"k": 1}) as run:
        run.log_params({"lr": 0.1})
        run.log("acc", 0.5, step=0)
        run.log_row("table", a=1.0)
        accuracy: float = run.get_metrics()["acc"]
        history: List[Dict[str, object]] = [dict(p) for p in run.get_metric_history("acc")]
        run.upload_file("outputs/a.txt", "a.txt")
    return accuracy + len(history)


def submit(ws: Workspace) -> str:
    environments: Dict[str, Environment] = Environment.list(ws)
    env = Environment.get(ws, "crucible-sklearn", version=1)
    targets: List[ComputeTarget] = ComputeTarget.list(ws)
    config = ScriptRunConfig(source_directory=".", script="train.py", arguments=["--epochs", 3], compute_target=targets[0], environment=env)
    run: Run = Experiment(ws, "typed").submit(config)
    try:
        details = run.wait_for_completion(show_output=True, timeout=60.0)
    except RunFailedError as error:
        return error.reason or error.status_name
    return f"{details['status']} {run.get_status()} {run.get_portal_url()} {len(environments)}"


def inside_a_job() -> None:
    Run.get_context().log("loss", 0.1)


def serve(ws: Workspace) -> str:
    endpoint = OnlineEndpoint.create(ws, "typed", auth_mode="key")
    deployment: OnlineDeployment = OnlineDeployment.create(ws, "typed", "blue", model="m:1", instance_count=1, code={"score.py": ""})
    state: str = endpoint.wait_for_deployment(deployment.name).state
    endpoint.update_traffic({"blue": 100})
    answer: object = endpoint.invoke({"data": [[1.0]]}, deployment="blue")
    names: List[str] = list(OnlineEndpoint.get(ws, "typed").deployments)
    job: Run = BatchEndpoint.get(ws, "batch").invoke(data="digits:1")
    return f"{state} {answer} {names} {job.id}"
