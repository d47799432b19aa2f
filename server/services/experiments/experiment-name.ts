import { z } from "zod";

export const ZExperimentName = z.string().trim().min(1).max(500);
