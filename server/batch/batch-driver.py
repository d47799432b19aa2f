"""Runs a batch deployment's scoring script over a data asset's files, as Azure ML's parallel run does.

The scoring script defines init() (called once) and run(mini_batch): mini_batch is a list of file
paths; run returns one result per file (a list in the same order, or a dict keyed by path or file
name), each a value, a list of values or a dict of columns. Standard library only: the deployment's
environment may have nothing else.
"""

import argparse
import csv
import importlib.util
import json
import os
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Score files in mini-batches")
    parser.add_argument("--scoring-script", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--mini-batch-size", type=int, default=10)
    parser.add_argument("--max-concurrency", type=int, default=1)
    parser.add_argument("--max-retries", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--error-threshold", type=int, default=-1)
    parser.add_argument("--output-action", choices=["append_row", "summary_only"], default="append_row")
    parser.add_argument("--output-file-name", default="predictions.csv")
    # One of instance_count containers: it scores every shards-th mini-batch from the shard-th, and
    # leaves its rows as JSON lines for the studio to merge into the one output file.
    parser.add_argument("--shard", type=int, default=0)
    parser.add_argument("--shards", type=int, default=1)
    return parser.parse_args(argv)


class Progress:
    """Counts mini-batches and logs them as run metrics, so the run page shows how far scoring is."""

    def __init__(self, total):
        self.total = total
        self.done = 0
        self.failed = 0
        self.lock = threading.Lock()
        try:
            from crucible import Run

            self.run = Run.get_context()
        except Exception as error:  # The SDK is always there in a job; scoring still works without it.
            print(f"batch: progress is not logged as metrics: {error}", flush=True)
            self.run = None
        self.log("mini_batches_total", total)
        self.log("mini_batches_done", 0)
        self.log("mini_batches_failed", 0)

    def log(self, name, value):
        if self.run is not None:
            self.run.log(name, value)

    def finish(self, is_failed):
        with self.lock:
            self.done += 1
            if is_failed:
                self.failed += 1
            self.log("mini_batches_done", self.done)
            if is_failed:
                self.log("mini_batches_failed", self.failed)
            print(f"batch: mini-batches {self.done}/{self.total} done, {self.failed} failed", flush=True)

    def flush(self):
        if self.run is not None:
            self.run.flush()


def list_files(folder):
    files = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            files.append(os.path.join(root, name))
    return files


def load_script(path):
    folder = os.path.dirname(os.path.abspath(path))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location("crucible_scoring_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        raise SystemExit(f"batch: {path} defines no run(mini_batch)")
    return module


def call_with_timeout(function, mini_batch, timeout):
    """run(mini_batch) in its own thread: a call past the timeout is abandoned (Python threads
    cannot be stopped) and counted as a failed attempt."""
    outcome = {}

    def target():
        try:
            outcome["result"] = function(list(mini_batch))
        except BaseException as error:  # Anything run() raises is the mini-batch's failure.
            outcome["error"] = error
            outcome["trace"] = traceback.format_exc()

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"run() took longer than the {timeout:g} s timeout")
    if "error" in outcome:
        raise RuntimeError(f"{type(outcome['error']).__name__}: {outcome['error']}") from outcome["error"]
    return outcome.get("result")


def rows_of(mini_batch, result, input_root):
    """Pairs each file with its result; results that cannot be paired are kept without a file."""
    names = [os.path.relpath(path, input_root) for path in mini_batch]
    if isinstance(result, dict):
        by_key = {}
        for key, value in result.items():
            key = str(key)
            by_key[os.path.relpath(key, input_root) if os.path.isabs(key) else key] = value
        return [(name, by_key[name]) for name in names if name in by_key] + [
            (name, value) for name, value in by_key.items() if name not in names
        ]
    if result is None:
        return []
    items = list(result)
    if len(items) == len(names):
        return list(zip(names, items))
    return [("", item) for item in items]


def columns_of(value):
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return {f"prediction_{i}": v for i, v in enumerate(value)}
    return {"prediction": value}


def main(argv):
    args = parse_args(argv)
    if args.mini_batch_size < 1:
        raise SystemExit("batch: mini_batch_size must be at least 1")
    if not 0 <= args.shard < args.shards:
        raise SystemExit("batch: --shard must be at least 0 and below --shards")
    files = list_files(args.input)
    every = [files[i : i + args.mini_batch_size] for i in range(0, len(files), args.mini_batch_size)]
    batches = every[args.shard :: args.shards]
    files = [path for batch in batches for path in batch]
    if args.shards > 1:
        print(f"batch: instance {args.shard + 1} of {args.shards}: {len(batches)} of {len(every)} mini-batches", flush=True)
    print(
        f"batch: {len(files)} file(s) in {len(batches)} mini-batch(es) of up to {args.mini_batch_size}, "
        f"{args.max_concurrency} at a time, {args.max_retries} retries, {args.timeout:g} s timeout, "
        f"error_threshold {args.error_threshold}",
        flush=True,
    )
    script = load_script(args.scoring_script)
    if callable(getattr(script, "init", None)):
        script.init()

    progress = Progress(len(batches))
    rows = []
    failed_files = []
    lock = threading.Lock()
    stop = threading.Event()
    attempts = 1 + max(0, args.max_retries)

    def attempt(mini_batch):
        last = None
        for number in range(1, attempts + 1):
            try:
                return call_with_timeout(script.run, mini_batch, args.timeout), None
            except (RuntimeError, TimeoutError) as error:
                last = error
                print(f"batch: attempt {number}/{attempts} of {len(mini_batch)} file(s) failed: {error}", flush=True)
        return None, last

    def score(index, mini_batch):
        if stop.is_set():
            return
        result, error = attempt(mini_batch)
        batch_rows, batch_failed = [], []
        if error is None:
            batch_rows = rows_of(mini_batch, result, args.input)
        elif len(mini_batch) == 1:
            batch_failed = [(mini_batch[0], str(error))]
        else:
            # One bad file must not take its neighbours with it: each is scored alone, once more.
            print(f"batch: mini-batch {index + 1} failed; scoring its files one by one", flush=True)
            for path in mini_batch:
                try:
                    batch_rows += rows_of([path], call_with_timeout(script.run, [path], args.timeout), args.input)
                except (RuntimeError, TimeoutError) as single:
                    batch_failed.append((path, str(single)))
        with lock:
            rows.extend(batch_rows)
            failed_files.extend(batch_failed)
            if args.error_threshold >= 0 and len(failed_files) > args.error_threshold:
                stop.set()
        progress.finish(bool(batch_failed))

    with ThreadPoolExecutor(max_workers=max(1, args.max_concurrency)) as pool:
        for future in [pool.submit(score, i, b) for i, b in enumerate(batches)]:
            future.result()

    os.makedirs(args.output, exist_ok=True)
    if args.output_action == "append_row" and args.shards > 1:
        write_shard_rows(os.path.join(args.output, SHARD_ROWS_FILE), rows)
    elif args.output_action == "append_row":
        write_rows(os.path.join(args.output, args.output_file_name), rows)
    summary = {
        "files": len(files),
        "mini_batches": len(batches),
        "mini_batches_done": progress.done,
        "mini_batches_failed": progress.failed,
        "rows": len(rows),
        "failed_files": [{"file": os.path.relpath(p, args.input), "error": e} for p, e in failed_files],
    }
    with open(os.path.join(args.output, "batch-summary.json"), "w", encoding="utf-8") as out:
        json.dump(summary, out, indent=2)
    for path, error in failed_files:
        print(f"batch: failed: {os.path.relpath(path, args.input)}: {error}", flush=True)
    progress.flush()
    if stop.is_set():
        names = ", ".join(os.path.relpath(p, args.input) for p, _ in failed_files[:5])
        print(
            f"batch: stopped: {len(failed_files)} file(s) failed, more than error_threshold {args.error_threshold} "
            f"({names})",
            flush=True,
        )
        return 1
    print(f"batch: done: {len(rows)} row(s), {len(failed_files)} failed file(s)", flush=True)
    return 0


SHARD_ROWS_FILE = "rows.jsonl"


def cell(value):
    """A value as the csv module writes it."""
    return "" if value is None else str(value)


def write_shard_rows(path, rows):
    """One JSON line per row, its cells already the text the CSV will hold: the merged file then
    reads exactly as one instance would have written it."""
    with open(path, "w", encoding="utf-8") as out:
        for name, value in rows:
            cells = {column: cell(v) for column, v in columns_of(value).items()}
            out.write(json.dumps({"file": name, "cells": cells}) + "\n")


def write_rows(path, rows):
    records = [(name, columns_of(value)) for name, value in rows]
    header = ["file"]
    for _, columns in records:
        header += [c for c in columns if c not in header]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for name, columns in sorted(records, key=lambda r: r[0]):
            writer.writerow([name] + [columns.get(c, "") for c in header[1:]])


if __name__ == "__main__":
    started = time.time()
    code = main(sys.argv[1:])
    print(f"batch: finished in {time.time() - started:.1f} s", flush=True)
    sys.exit(code)
