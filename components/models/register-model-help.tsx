const WAYS: [title: string, code: string][] = [
  ["From a run's outputs, in the studio", "Open the run, then Outputs and logs → Register model on its model folder."],
  [
    "With the CLI",
    "crucible model create --name digits --path ./model\n" +
      "crucible model create --name digits --run $RUN_ID --run-path outputs/model",
  ],
  [
    "With the Python SDK",
    'Model.register(Workspace.from_config(), "./model", "digits")\n' + 'run.register_model("digits", "outputs/model")',
  ],
  [
    "With MLflow (MLFLOW_TRACKING_URI=<studio>/mlflow/<workspace>)",
    'mlflow.register_model("runs:/<run id>/model", "digits")',
  ],
];

/** What an empty registry says: the ways a model gets its first version. */
export function RegisterModelHelp() {
  return (
    <div className="space-y-3 text-sm" data-testid="register-model-help">
      <p className="text-slate-600">No registered models yet. Register one:</p>
      <dl className="space-y-2">
        {WAYS.map(([title, code]) => (
          <div key={title}>
            <dt className="text-xs font-medium text-slate-500">{title}</dt>
            <dd>
              <pre className="mt-0.5 overflow-x-auto rounded bg-slate-50 px-2 py-1 font-mono text-xs">{code}</pre>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
