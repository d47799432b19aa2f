import { z } from "zod";
import { MAX_PARAM_VALUE_LENGTH, MAX_TAG_VALUE_LENGTH, ZEntityKey } from "../runs/limits";

export const MAX_MODEL_NAME_LENGTH = 250;
export const ZLoggedModelId = z.string().regex(/^m-[0-9a-f]{32}$/, "is not a logged model id (m-<32 hex digits>)");
export const ZModelParam = z.object({ key: ZEntityKey, value: z.string().max(MAX_PARAM_VALUE_LENGTH) });
export const ZModelTag = z.object({ key: ZEntityKey, value: z.string().max(MAX_TAG_VALUE_LENGTH) });
export const ZLoggedModelStatus = z.enum(["Pending", "Ready", "Failed"]);
export type TLoggedModelStatus = z.infer<typeof ZLoggedModelStatus>;
/** Our status → MLflow's LoggedModelStatus name, and back: the one map between them. */
export const MODEL_STATUS_TO_MLFLOW = {
  Pending: "LOGGED_MODEL_PENDING",
  Ready: "LOGGED_MODEL_READY",
  Failed: "LOGGED_MODEL_UPLOAD_FAILED",
} as const satisfies Record<TLoggedModelStatus, string>;
export const MLFLOW_TO_MODEL_STATUS = Object.fromEntries(
  Object.entries(MODEL_STATUS_TO_MLFLOW).map(([ours, theirs]) => [theirs, ours]),
) as {
  [K in TLoggedModelStatus as (typeof MODEL_STATUS_TO_MLFLOW)[K]]: K;
};
export const ZMlflowModelStatus = z.enum(["LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED"]);

/** Key → value of a JSON column written only by these services. */
export function keyValues(json: unknown): Record<string, string> {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, string>) : {};
}
