/** One input, output or param of an MLflow signature, as a table row. */
export type TSignatureRow = { name: string; type: string; shape: string; isRequired: boolean; default: string };

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A column type in MLflow's schema: a name ("double"), or an array / object / map spelled out. */
function typeName(spec: Record<string, unknown>): string {
  const type = spec.type;
  if (type === "array" && spec.items && typeof spec.items === "object")
    return `array<${typeName(spec.items as Record<string, unknown>)}>`;
  if (type === "map" && spec.values && typeof spec.values === "object")
    return `map<string, ${typeName(spec.values as Record<string, unknown>)}>`;
  if (type === "object" && Array.isArray(spec.properties)) return "object";
  return text(type) || "?";
}

/**
 * The rows of one part of a signature (`inputs`, `outputs` or `params`), which the server keeps
 * parsed from the MLmodel file's JSON. Column specs name a type; tensor specs a dtype and shape.
 * Anything else (a part the server could not parse, kept as text) yields no rows.
 */
export function signatureRows(part: unknown): TSignatureRow[] {
  if (!Array.isArray(part)) return [];
  return part.flatMap((raw: unknown, index): TSignatureRow[] => {
    if (!raw || typeof raw !== "object") return [];
    const spec = raw as Record<string, unknown>;
    const tensor = spec["tensor-spec"] as { dtype?: unknown; shape?: unknown } | undefined;
    return [
      {
        name: text(spec.name) || (part.length === 1 ? "(unnamed)" : `#${index}`),
        type: tensor ? `tensor<${text(tensor.dtype) || "?"}>` : typeName(spec),
        shape: tensor ? `(${Array.isArray(tensor.shape) ? tensor.shape.join(", ") : ""})` : text(spec.shape),
        isRequired: spec.required !== false,
        default: text(spec.default),
      },
    ];
  });
}
