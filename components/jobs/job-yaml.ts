import { stringify } from "yaml";

export type TJobForm = {
  experimentName: string;
  displayName: string;
  command: string;
  environment: string;
  compute: string;
  inputs: string;
  cpu: string;
  memory: string;
  timeout: string;
};

/** The YAML the form stands for: what the CLI would submit with `crucible job create -f`. */
export function jobFormToYaml(form: TJobForm): string {
  const inputs = Object.fromEntries(
    form.inputs
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [key, ...rest] = line.split(/[:=]/);
        const raw = rest.join("=").trim();
        const number = Number(raw);
        return [key!.trim(), raw !== "" && Number.isFinite(number) ? number : raw];
      }),
  );
  const resources = {
    ...(form.cpu ? { cpu: Number(form.cpu) } : {}),
    ...(form.memory ? { memory: form.memory } : {}),
  };
  const spec = {
    $schema: "https://azuremlschemas.azureedge.net/latest/commandJob.schema.json",
    command: form.command,
    environment: form.environment,
    compute: form.compute,
    experiment_name: form.experimentName || undefined,
    display_name: form.displayName || undefined,
    ...(Object.keys(inputs).length ? { inputs } : {}),
    ...(Object.keys(resources).length ? { resources } : {}),
    ...(form.timeout ? { limits: { timeout: Number(form.timeout) } } : {}),
  };
  return stringify(spec, { lineWidth: 0 });
}
