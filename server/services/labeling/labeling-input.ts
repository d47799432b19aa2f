import { z } from "zod";
import { ZDataVersionRef } from "../data/data-asset-input";
import { ZResourceName } from "../resource-name";

export const ZLabelingProjectName = ZResourceName(120);

export const LABELING_TASK_TYPES = [
  "imageClassification",
  "objectDetection",
  "instanceSegmentation",
  "textClassification",
  "textEntities",
] as const;
export const ZLabelingTaskType = z.enum(LABELING_TASK_TYPES);
export type TLabelingTaskType = z.infer<typeof ZLabelingTaskType>;

export const IMAGE_TASKS: readonly TLabelingTaskType[] = [
  "imageClassification",
  "objectDetection",
  "instanceSegmentation",
];
export const CLASSIFICATION_TASKS: readonly TLabelingTaskType[] = ["imageClassification", "textClassification"];

export const ZLabelClass = z.object({
  name: z.string().trim().min(1).max(100),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "A colour as #rrggbb")
    .optional(),
  /** A single key; labels without one get 1–9 by position. */
  hotkey: z
    .string()
    .regex(/^[a-z0-9]$/, "One lower-case letter or digit")
    .nullable()
    .optional(),
});
export type TLabelClass = { name: string; color: string; hotkey: string | null };

/** The keys the labeling page keeps for its tools and actions. */
export const RESERVED_HOTKEYS = ["r", "p", "v", "s", "z", "y"];

export const ZLabelClasses = z
  .array(ZLabelClass)
  .min(1, "Give at least one label")
  .max(200)
  .superRefine((labels, ctx) => {
    const names = new Set<string>();
    const keys = new Set<string>();
    labels.forEach((label, i) => {
      if (names.has(label.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `'${label.name}' twice` });
      names.add(label.name);
      if (label.hotkey && keys.has(label.hotkey))
        ctx.addIssue({ code: "custom", path: [i, "hotkey"], message: `Hotkey '${label.hotkey}' twice` });
      if (label.hotkey && RESERVED_HOTKEYS.includes(label.hotkey))
        ctx.addIssue({ code: "custom", path: [i, "hotkey"], message: `'${label.hotkey}' is a tool's key` });
      if (label.hotkey) keys.add(label.hotkey);
    });
  });

export const ZNewLabelingProject = z.object({
  name: ZLabelingProjectName,
  description: z.string().max(5000).optional(),
  instructions: z.string().max(100_000).optional(),
  taskType: ZLabelingTaskType,
  multiLabel: z.boolean().optional(),
  labels: ZLabelClasses,
  overlap: z.number().int().min(1).max(10).optional(),
  /** The data version the items come from: `name:3` or `name@latest`. */
  data: ZDataVersionRef,
  /** For text rows in a table: the column holding the text (default `text`). */
  textColumn: z.string().trim().min(1).max(255).optional(),
  assistEndpoint: z.string().trim().min(1).max(255).nullable().optional(),
});
export type TNewLabelingProject = z.infer<typeof ZNewLabelingProject>;

export const ZLabelingProjectChange = z.object({
  description: z.string().max(5000).optional(),
  instructions: z.string().max(100_000).optional(),
  /** Labels may be added, recoloured and given keys; one in use cannot be renamed away. */
  labels: ZLabelClasses.optional(),
  overlap: z.number().int().min(1).max(10).optional(),
  assistEndpoint: z.string().trim().min(1).max(255).nullable().optional(),
});

const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569"];

/** Labels as stored: every one with a colour, and keys 1–9 by position where none was given. */
export function completeLabels(labels: z.infer<typeof ZLabelClass>[]): TLabelClass[] {
  const taken = new Set(labels.map((l) => l.hotkey).filter(Boolean));
  const free = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].filter((k) => !taken.has(k));
  return labels.map((label, i) => ({
    name: label.name,
    color: label.color ?? PALETTE[i % PALETTE.length]!,
    hotkey: label.hotkey ?? free.shift() ?? null,
  }));
}
