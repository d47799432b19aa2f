import { db } from "../../db";
import { AppError } from "../../errors";
import type { LabelingProject } from "../../generated/prisma/client";
import { completeLabels, type TLabelClass, type TLabelingTaskType } from "./labeling-input";

export type TLabelingProjectRow = Omit<LabelingProject, "labels" | "taskType"> & {
  labels: TLabelClass[];
  taskType: TLabelingTaskType;
};

export async function findLabelingProject(workspaceId: string, name: string): Promise<TLabelingProjectRow> {
  const project = await db().labelingProject.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!project) throw new AppError("NOT_FOUND", `Labeling project '${name}' not found`);
  return { ...project, labels: completeLabels(project.labels as TLabelClass[]) };
}
