import { z } from "zod";

// JSON has no NaN or Infinity, yet training produces them; they travel as these strings.
const NON_FINITE = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
} as const;

export type TEncodedFloat = number | "NaN" | "Infinity" | "-Infinity";

export function decodeFloat(value: TEncodedFloat): number {
  return typeof value === "number" ? value : NON_FINITE[value];
}

export const ZMetricValue = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]).transform(decodeFloat);

export function encodeFloat(value: number): TEncodedFloat {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

export const ZEncodedFloat = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]);
