import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type TLabelingOutputs = inferRouterOutputs<AppRouter>["labeling"];

export type TWorkbenchProject = TLabelingOutputs["byName"];
export type TWorkbenchItem = NonNullable<TLabelingOutputs["next"]>;
export type TReviewQueueItem = NonNullable<TLabelingOutputs["nextReview"]>;
export type TWorkbenchLabel = TWorkbenchProject["labels"][number];
export type TTaskType = TWorkbenchProject["taskType"];
export type TPrediction = TWorkbenchItem["predictions"][number];
export type TResult = TPrediction["result"];
export type TBox = NonNullable<TResult["boxes"]>[number];
export type TPolygon = NonNullable<TResult["polygons"]>[number];
export type TSpan = NonNullable<TResult["spans"]>[number];
export type TPoint = [number, number];
export type TSize = { width: number; height: number };

/** Which drawn thing is selected: regions by kind and position in the result. */
export type TRegionRef = { kind: "box" | "polygon" | "span"; index: number };
