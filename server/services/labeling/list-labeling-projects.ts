import { db } from "../../db";
import { completeLabels, type TLabelClass, type TLabelingTaskType } from "./labeling-input";
import { statusCounts } from "./labeling-project-view";

/** The workspace's projects, newest first, with their items counted by status. */
export async function listLabelingProjects(workspaceId: string) {
  const projects = await db().labelingProject.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
  const counts = await statusCounts(projects.map((p) => p.id));
  return projects.map((p) => ({
    name: p.name,
    description: p.description,
    taskType: p.taskType as TLabelingTaskType,
    labels: completeLabels(p.labels as TLabelClass[]),
    dataAssetName: p.dataAssetName,
    overlap: p.overlap,
    createdAt: p.createdAt,
    counts: counts.get(p.id)!,
  }));
}
