import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { UsageError } from "./config";
import { listFolderFiles } from "./pack-folder";

// What the server accepts of a deployment's code, in one request: source files, not data.
const MAX_CODE_BYTES = 1024 * 1024;

type TDeploymentFile = Record<string, unknown> & {
  name?: string;
  endpoint_name?: string;
  code_configuration?: { code?: string; scoring_script?: string };
};

/**
 * Azure ML CLI v2's online deployment YAML, as the online endpoints API takes it: the fields go
 * as they are, and `code_configuration.code`, a folder next to the file, becomes its text files
 * by relative path. `endpoint_name` may come from the file or the command line.
 */
export function readOnlineDeploymentFile(file: string, endpointName: string | undefined) {
  const spec = parseYaml(readFileSync(file, "utf8")) as TDeploymentFile | null;
  if (!spec || typeof spec !== "object" || Array.isArray(spec)) throw new UsageError(`${file}: not a YAML mapping`);
  const { $schema: _schema, endpoint_name: fileEndpoint, code_configuration: code, ...fields } = spec;
  const endpoint = endpointName ?? fileEndpoint;
  if (!endpoint) throw new UsageError(`${file}: give endpoint_name in the file or --endpoint-name`);
  if (!fields.name) throw new UsageError(`${file}: the deployment needs a name`);
  if (!code) return { endpoint, body: fields };
  if (!code.code || !code.scoring_script)
    throw new UsageError(`${file}: code_configuration needs code (a folder) and scoring_script`);
  const folder = path.resolve(path.dirname(file), code.code);
  const files: Record<string, string> = {};
  let bytes = 0;
  for (const { relative, size } of listFolderFiles(folder, (rel) => !/(^|\/)(__pycache__|\.git)$/.test(rel))) {
    bytes += size;
    if (bytes > MAX_CODE_BYTES)
      throw new UsageError(`${folder}: the code folder is over 1 MiB; keep data and models out of it`);
    const content = readFileSync(path.join(folder, relative));
    if (content.includes(0)) throw new UsageError(`${folder}/${relative}: only text files go in a deployment's code`);
    files[relative] = content.toString("utf8");
  }
  return { endpoint, body: { ...fields, code_configuration: { code: files, scoring_script: code.scoring_script } } };
}
