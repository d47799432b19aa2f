import { SelectField, TextField } from "../ui/field";

/** How a deployment splits, retries and writes; Azure ML's batch deployment defaults. */
export const DEFAULT_BATCH_SETTINGS = {
  miniBatchSize: 10,
  instanceCount: 1,
  maxConcurrencyPerInstance: 1,
  maxRetries: 3,
  timeoutS: 30,
  errorThreshold: -1,
  outputAction: "append_row" as "append_row" | "summary_only",
  outputFileName: "predictions.csv",
};
export type TBatchSettings = typeof DEFAULT_BATCH_SETTINGS;

const NUMBERS = [
  { key: "miniBatchSize", label: "mini_batch_size", hint: "Files per run() call." },
  { key: "instanceCount", label: "instance_count", hint: "Containers, each scoring a share of the mini-batches." },
  { key: "maxConcurrencyPerInstance", label: "max_concurrency_per_instance", hint: "Mini-batches scored at once." },
  { key: "maxRetries", label: "retry_settings.max_retries", hint: "Attempts after a mini-batch fails." },
  { key: "timeoutS", label: "retry_settings.timeout (s)", hint: "Longest a mini-batch may take." },
  { key: "errorThreshold", label: "error_threshold", hint: "Failed files before the job fails; -1: never." },
] as const;

export function BatchSettingsFields({
  value,
  onChange,
}: {
  value: TBatchSettings;
  onChange: (value: TBatchSettings) => void;
}) {
  return (
    <fieldset className="grid gap-3 sm:grid-cols-3">
      <legend className="mb-2 text-sm font-medium text-slate-700">Settings</legend>
      {NUMBERS.map((n) => (
        <TextField
          key={n.key}
          label={n.label}
          hint={n.hint}
          type="number"
          required
          value={String(value[n.key])}
          onChange={(e) => onChange({ ...value, [n.key]: e.target.valueAsNumber })}
        />
      ))}
      <SelectField
        label="output_action"
        value={value.outputAction}
        onChange={(e) => onChange({ ...value, outputAction: e.target.value as TBatchSettings["outputAction"] })}
      >
        <option value="append_row">append_row</option>
        <option value="summary_only">summary_only</option>
      </SelectField>
      <TextField
        label="output_file_name"
        required
        value={value.outputFileName}
        onChange={(e) => onChange({ ...value, outputFileName: e.target.value })}
      />
    </fieldset>
  );
}
