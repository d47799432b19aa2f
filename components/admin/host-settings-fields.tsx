"use client";

import { parseLabels } from "../compute/parse-labels";
import { TextField } from "../ui/field";

const GIB = 1024 ** 3;

/** What an admin sets on a host, as the form holds it: text, as typed. */
export type THostSettings = { labels: string; maxRuns: string; defaultCpu: string; defaultMemoryGib: string };

type TSavedHost = {
  labels: Record<string, string>;
  maxConcurrentRuns: number;
  defaultCpu: number;
  defaultMemoryBytes: number;
};

/** A new host's settings, or a saved host's (its own `host=<name>` label is not editable, so not shown). */
export function hostSettingsOf(host?: TSavedHost): THostSettings {
  if (!host) return { labels: "", maxRuns: "4", defaultCpu: "1", defaultMemoryGib: "2" };
  const { host: _own, ...labels } = host.labels;
  return {
    labels: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(", "),
    maxRuns: String(host.maxConcurrentRuns),
    defaultCpu: String(host.defaultCpu),
    defaultMemoryGib: String(host.defaultMemoryBytes / GIB),
  };
}

/** The settings as registerHost and updateHost take them; null while the labels do not parse. */
export function hostSettingsInput(settings: THostSettings) {
  const parsed = parseLabels(settings.labels);
  if (parsed.error) return null;
  return {
    labels: parsed.labels,
    maxConcurrentRuns: Number(settings.maxRuns),
    defaultCpu: Number(settings.defaultCpu),
    defaultMemoryBytes: Math.round(Number(settings.defaultMemoryGib) * GIB),
  };
}

export function HostSettingsFields({
  value,
  onChange,
  isNew,
}: {
  value: THostSettings;
  onChange: (value: THostSettings) => void;
  isNew: boolean;
}) {
  const set = (key: keyof THostSettings) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  const labelsError = parseLabels(value.labels).error;
  return (
    <>
      <TextField
        label="Labels"
        value={value.labels}
        onChange={set("labels")}
        placeholder={isNew ? "gpu=a100, zone=lab" : undefined}
        hint={labelsError ?? `key=value, comma-separated${isNew ? "; compute targets select hosts by label" : ""}`}
      />
      <TextField
        label="Max concurrent runs"
        type="number"
        min={1}
        max={256}
        value={value.maxRuns}
        onChange={set("maxRuns")}
      />
      <TextField
        label="Default CPUs per job"
        type="number"
        min={0.1}
        step={0.1}
        value={value.defaultCpu}
        onChange={set("defaultCpu")}
        hint={isNew ? "for jobs that request none" : undefined}
      />
      <TextField
        label="Default memory per job (GiB)"
        type="number"
        min={0.0625}
        step={0.25}
        value={value.defaultMemoryGib}
        onChange={set("defaultMemoryGib")}
        hint={isNew ? "for jobs that request none" : undefined}
      />
    </>
  );
}
