"""A small training loop that logs for a few seconds, for the studio's live view test."""

import sys
import time

from crucible import Experiment, Workspace

seconds = float(sys.argv[1])
exp = Experiment(Workspace.from_config(), "live-sdk")
with exp.start_logging(display_name="sdk-live") as run:
    run.log_params({"lr": 0.05, "optimizer": "adam"})
    print(f"RUN {run.id}", flush=True)
    epochs = 20
    for epoch in range(epochs):
        run.log("accuracy", 0.5 + 0.45 * epoch / (epochs - 1), step=epoch)
        run.log("loss", 1.0 / (epoch + 1), step=epoch)
        time.sleep(seconds / epochs)
print("DONE", flush=True)
