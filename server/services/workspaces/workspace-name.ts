import { z } from "zod";

// Names appear in tracking URIs (/mlflow/<workspace>), so they stay URL-safe.
export const ZWorkspaceName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{1,62}$/,
    "Use 2-63 letters, digits, '.', '_' or '-', starting with a letter or digit",
  );
