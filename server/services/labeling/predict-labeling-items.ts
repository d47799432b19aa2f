import { db } from "../../db";
import { AppError } from "../../errors";
import type { LabelingItem, Prisma } from "../../generated/prisma/client";
import { testOnlineEndpoint } from "../endpoints/test-online-endpoint";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { IMAGE_TASKS } from "./labeling-input";
import { checkLabelingResult } from "./labeling-result";
import { openItemFile } from "./open-item-file";
import { prepareLabelingItem } from "./prepare-labeling-item";

const BATCH = 10;
/** Images larger than this are not sent for a suggestion. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

/**
 * ML assist: asks the project's online endpoint for suggestions on the next `count` items that have
 * none yet, ten per request. The endpoint gets `{task, labels, items: [{id, text} | {id, image_base64,
 * width, height}]}` and answers `{predictions: [{labels | boxes | polygons | spans, score?}]}` in the
 * same order. Suggestions are checked like a person's labels; ones that fail are counted, not kept.
 */
export async function predictLabelingItems(project: TLabelingProjectRow, count: number) {
  const endpoint = project.assistEndpoint;
  if (!endpoint) throw new AppError("BAD_REQUEST", "This project has no ML assist endpoint; pick one in its settings");
  const source = `endpoint:${endpoint}`;
  const candidates = await db().labelingItem.findMany({
    where: {
      projectId: project.id,
      status: { in: ["todo", "inProgress"] },
      predictions: { none: { source } },
    },
    orderBy: { seq: "asc" },
    take: count,
  });
  const outcome = { predicted: 0, refused: 0, errors: [] as string[] };
  for (let i = 0; i < candidates.length; i += BATCH) {
    const items: LabelingItem[] = [];
    for (const candidate of candidates.slice(i, i + BATCH)) {
      const item = await prepareLabelingItem(project.workspaceId, project.taskType, candidate);
      if (item.status !== "broken") items.push(item);
    }
    if (items.length === 0) continue;
    const answer = await testOnlineEndpoint(project.workspaceId, endpoint, {
      body: JSON.stringify({
        task: project.taskType,
        labels: project.labels.map((l) => l.name),
        items: await Promise.all(items.map((item) => requestItem(project, item))),
      }),
      deployment: null,
    });
    if (answer.status !== 200) {
      outcome.errors.push(`The endpoint answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      break;
    }
    const predictions = parsePredictions(answer.body);
    const rows: Prisma.LabelingPredictionCreateManyInput[] = [];
    items.forEach((item, k) => {
      const prediction = predictions[k];
      try {
        const result = checkLabelingResult(project, item, prediction);
        const score = typeof prediction?.score === "number" ? prediction.score : null;
        rows.push({ itemId: item.id, projectId: project.id, source, result, score });
      } catch (error) {
        // Kept with its reason, so the next call asks about other items instead of this one again.
        rows.push({
          itemId: item.id,
          projectId: project.id,
          source,
          result: {},
          error: (error as Error).message.slice(0, 500),
        });
      }
    });
    // Someone asking at the same time may have stored some first: count what this call added.
    const { count: added } = await db().labelingPrediction.createMany({ data: rows, skipDuplicates: true });
    const refused = rows.filter((r) => r.error).length;
    outcome.refused += Math.min(refused, added);
    outcome.predicted += Math.max(0, added - refused);
  }
  return outcome;
}

async function requestItem(project: TLabelingProjectRow, item: LabelingItem) {
  if (!IMAGE_TASKS.includes(project.taskType)) return { id: item.id, text: item.text };
  const { stream, size } = await openItemFile(project.workspaceId, item);
  if (size > MAX_IMAGE_BYTES) {
    stream.destroy();
    return { id: item.id, width: item.width, height: item.height, image_base64: null };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return {
    id: item.id,
    width: item.width,
    height: item.height,
    image_base64: Buffer.concat(chunks).toString("base64"),
  };
}

function parsePredictions(body: string): ({ score?: unknown } & Record<string, unknown>)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError("BAD_GATEWAY", "The ML assist endpoint did not answer JSON");
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { predictions?: unknown })?.predictions;
  if (!Array.isArray(list))
    throw new AppError("BAD_GATEWAY", "The ML assist endpoint's answer has no `predictions` list");
  return list as ({ score?: unknown } & Record<string, unknown>)[];
}
