import { db } from "../../db";
import type { LabelingItem } from "../../generated/prisma/client";
import { imageSize, IMAGE_HEADER_BYTES } from "./image-size";
import { IMAGE_TASKS, type TLabelingTaskType } from "./labeling-input";
import { openItemFile } from "./open-item-file";
import { MAX_ITEM_TEXT } from "./read-item-rows";

/**
 * What labeling an item needs to know once, read from its file the first time it is handed out: an
 * image's size (boxes are checked against it), a text file's text. An item whose file cannot be read
 * that way is marked broken with the reason, and the queue passes it by.
 */
export async function prepareLabelingItem(
  workspaceId: string,
  taskType: TLabelingTaskType,
  item: LabelingItem,
): Promise<LabelingItem> {
  const isImage = IMAGE_TASKS.includes(taskType);
  if (isImage ? item.width !== null : item.text !== null) return item;
  let change: { width?: number; height?: number; text?: string; status?: "broken"; error?: string };
  try {
    const limit = isImage ? IMAGE_HEADER_BYTES : MAX_ITEM_TEXT * 4 + 1;
    const head = await readHead(workspaceId, item, limit);
    if (isImage) {
      const size = imageSize(head);
      change = size
        ? { width: size.width, height: size.height }
        : { status: "broken", error: "Not a PNG, JPEG, GIF, WebP or BMP image that can be read" };
    } else {
      // Past the limit it is too long whatever it holds; a cut may split a character, so decode only below it.
      const text = head.length >= limit ? "" : new TextDecoder("utf-8", { fatal: true }).decode(head);
      change =
        head.length >= limit || text.length > MAX_ITEM_TEXT
          ? { status: "broken", error: `Longer than ${MAX_ITEM_TEXT} characters` }
          : { text: text.replace(/\0/g, "") };
    }
  } catch (error) {
    change = { status: "broken", error: error instanceof TypeError ? "Not UTF-8 text" : (error as Error).message };
  }
  return db().labelingItem.update({ where: { id: item.id }, data: change });
}

async function readHead(workspaceId: string, item: LabelingItem, limit: number): Promise<Buffer> {
  const { stream } = await openItemFile(workspaceId, item);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= limit) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, limit);
}
