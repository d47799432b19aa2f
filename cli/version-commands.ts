import type { ApiClient } from "./api-client";
import { UsageError } from "./config";
import { downloadData } from "./data-download";

type TPrint = (value: unknown, text: () => string) => void;

/**
 * `download` and `archive`, the same for data and model versions: `path` gives a version's REST
 * path from the reference as written, `noun` and `ref` word the usage.
 */
export async function versionCommand(
  api: ApiClient,
  verb: "download" | "archive",
  target: { noun: "data" | "model"; ref: string; arg: string | undefined; to: string | undefined },
  path: (ref: string) => Promise<string>,
  print: TPrint,
): Promise<number> {
  const { noun, ref, arg, to } = target;
  if (verb === "download") {
    if (!arg || !to) throw new UsageError(`${noun} download ${ref} --to DIR`);
    const count = await downloadData(api, `${await path(arg)}/download`, to);
    print({ files: count, to }, () => `Downloaded ${count} file(s) to ${to}`);
    return 0;
  }
  if (!arg || !/:\d+$/.test(arg)) throw new UsageError(`${noun} archive NAME:VERSION`);
  const v = await api.request<{ name: string; version: number }>("POST", `${await path(arg)}/archive`, {});
  print(v, () => `Archived ${v.name}:${v.version}`);
  return 0;
}
