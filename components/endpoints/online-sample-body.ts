// An MLflow model served without a score.py takes MLflow's input formats only; a score.py reads
// whatever its author chose, and `data` is the seeds' convention.
const PYFUNC_SAMPLE = '{"instances": [[1.0, 2.0]]}';
const SCRIPT_SAMPLE = '{"data": [[1.0, 2.0]]}';

/** A request body the endpoint's deployments can take, for the Test tab and the snippets. */
export function sampleBody(deployments: readonly { code_configuration: unknown }[]): string {
  const isPyfuncOnly = deployments.length > 0 && deployments.every((d) => d.code_configuration === null);
  return isPyfuncOnly ? PYFUNC_SAMPLE : SCRIPT_SAMPLE;
}
