import type { ApiClient } from "./api-client";
import { UsageError } from "./config";
import { table } from "./table";

export type TLabelingOptions = { project?: string; format?: string; "output-name"?: string; wait?: boolean };

type TCounts = { todo: number; inProgress: number; needsReview: number; done: number; broken: number; total: number };
type TProject = { name: string; taskType: string; dataAssetName: string; overlap: number; counts: TCounts };
type TExport = {
  id: string;
  format: string;
  assetName: string;
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  dataVersion: number | null;
  error: string | null;
};

type TPrint = (value: unknown, text: () => string) => void;

const POLL_MS = 500;

/** `crucible labeling …`: projects' progress, and exports of accepted labels as data versions. */
export async function labelingCommand(
  api: ApiClient,
  verb: string,
  options: TLabelingOptions,
  workspaceId: () => Promise<string>,
  print: TPrint,
): Promise<number> {
  const base = `/workspaces/${await workspaceId()}/labeling`;
  const project = () => {
    if (!options.project) throw new UsageError(`labeling ${verb} --project NAME`);
    return `${base}/${encodeURIComponent(options.project)}`;
  };
  switch (verb) {
    case "list": {
      const list = await api.request<TProject[]>("GET", base);
      print(list, () =>
        table(
          ["NAME", "TASK", "DATA", "ITEMS", "DONE", "TO REVIEW"],
          list.map((p) => [
            p.name,
            p.taskType,
            p.dataAssetName,
            String(p.counts.total),
            String(p.counts.done),
            String(p.counts.needsReview),
          ]),
        ),
      );
      return 0;
    }
    case "show": {
      const p = await api.request<TProject & { labels: { name: string }[] }>("GET", project());
      print(p, () =>
        [
          `${p.name}: ${p.taskType} on ${p.dataAssetName}, ${p.overlap} labeler(s) per item`,
          `labels: ${p.labels.map((l) => l.name).join(", ")}`,
          `items: ${p.counts.total} (${p.counts.todo} not started, ${p.counts.inProgress} in progress, ` +
            `${p.counts.needsReview} to review, ${p.counts.done} done, ${p.counts.broken} unreadable)`,
        ].join("\n"),
      );
      return 0;
    }
    case "export": {
      if (!options.format)
        throw new UsageError("labeling export --project NAME --format coco|csv|jsonl [--output-name DATA]");
      const url = project();
      let current = await api.request<TExport>("POST", `${url}/exports`, {
        format: options.format,
        assetName: options["output-name"],
      });
      while (options.wait !== false && (current.status === "queued" || current.status === "running")) {
        process.stderr.write(`\rExporting ${current.done}/${current.total} items…`);
        await new Promise((r) => setTimeout(r, POLL_MS));
        current = (await api.request<TExport[]>("GET", `${url}/exports`)).find((e) => e.id === current.id) ?? current;
      }
      if (options.wait !== false) process.stderr.write("\n");
      if (current.status === "failed") {
        console.error(`Export failed: ${current.error}`);
        return 1;
      }
      print(current, () =>
        current.status === "done"
          ? `Exported ${current.done} items as ${current.format}: data asset ${current.assetName}:${current.dataVersion}`
          : `Export ${current.id} started (${current.total} items); see it with crucible labeling exports --project ${options.project}`,
      );
      return 0;
    }
    case "exports": {
      const list = await api.request<TExport[]>("GET", `${project()}/exports`);
      print(list, () =>
        table(
          ["ID", "FORMAT", "STATUS", "ITEMS", "DATA"],
          list.map((e) => [
            e.id,
            e.format,
            e.status,
            `${e.done}/${e.total}`,
            e.dataVersion ? `${e.assetName}:${e.dataVersion}` : "-",
          ]),
        ),
      );
      return 0;
    }
    default:
      throw new UsageError(
        "labeling list | show --project NAME | export --project NAME --format coco|csv|jsonl | exports --project NAME",
      );
  }
}
