import { z } from "zod";

export const ZSiteSettings = z.object({
  /** Plain tcp:// (no TLS) for endpoints on 127.0.0.0/8 or ::1 only, such as a test engine. */
  allowPlainTcpLoopback: z.boolean(),
  /** Seconds an environment image build may take before it is stopped. */
  buildTimeoutS: z.number().int().min(60).max(86_400),
});
export type TSiteSettings = z.infer<typeof ZSiteSettings>;

export const SITE_SETTINGS_DEFAULTS: TSiteSettings = { allowPlainTcpLoopback: false, buildTimeoutS: 1800 };
