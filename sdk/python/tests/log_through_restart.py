"""Logs N points slowly to one run and exits once all of them are on the server.
Used by a test that restarts the server in the middle: nothing may be lost."""

import sys
import time

from crucible import Experiment, Workspace

total = int(sys.argv[1])
seconds = float(sys.argv[2])
run = Experiment(Workspace.from_config(), "restart").start_logging(display_name="through-restart")
print(f"RUN {run.id}", flush=True)
for step in range(total):
    run.log("loss", 1.0 / (step + 1), step=step)
    time.sleep(seconds / total)
run.complete()
print("DONE", flush=True)
