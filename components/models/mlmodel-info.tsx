import { TextPreview } from "../data/text-preview";
import type { TFileSource } from "../data/file-source";
import { signatureRows } from "./signature-rows";

function SignatureTable({ label, part }: { label: string; part: unknown }) {
  const rows = signatureRows(part);
  if (rows.length === 0) return null;
  const hasShape = rows.some((r) => r.shape);
  const hasDefault = rows.some((r) => r.default);
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold">{label}</h3>
      <table aria-label={`Signature ${label.toLowerCase()}`} className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-3">Name</th>
            <th className="py-1 pr-3">Type</th>
            {hasShape ? <th className="py-1 pr-3">Shape</th> : null}
            {hasDefault ? <th className="py-1 pr-3">Default</th> : null}
            <th className="py-1">Required</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-xs">
          {rows.map((r, i) => (
            <tr key={`${r.name}-${i}`}>
              <td className="py-1 pr-3">{r.name}</td>
              <td className="py-1 pr-3 text-violet-800">{r.type}</td>
              {hasShape ? <td className="py-1 pr-3">{r.shape}</td> : null}
              {hasDefault ? <td className="py-1 pr-3">{r.default}</td> : null}
              <td className="py-1">{r.isRequired ? "yes" : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A flavor's options worth reading at a glance; the rest is in the MLmodel file itself. */
function flavorSummary(options: unknown): string {
  if (!options || typeof options !== "object") return "";
  return Object.entries(options as Record<string, unknown>)
    .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(" · ");
}

/** What an MLmodel file says: how to load the model (its flavors), its signature and input example. */
export function MlmodelInfo({
  source,
  flavors,
  signature,
  inputExample,
}: {
  source: TFileSource;
  flavors: Record<string, unknown>;
  signature: Record<string, unknown> | null;
  inputExample: Record<string, unknown> | null;
}) {
  const examplePath = typeof inputExample?.artifact_path === "string" ? inputExample.artifact_path : null;
  return (
    <div className="space-y-4">
      <div>
        <h3 className="mb-1 text-sm font-semibold">Flavors</h3>
        <ul aria-label="Flavors" className="space-y-1 text-sm">
          {Object.entries(flavors).map(([flavor, options]) => (
            <li key={flavor}>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{flavor}</span>
              <span className="ml-2 font-mono text-xs text-slate-500">{flavorSummary(options)}</span>
            </li>
          ))}
        </ul>
      </div>
      {signature ? (
        <div className="grid gap-4 md:grid-cols-2">
          <SignatureTable label="Inputs" part={signature.inputs} />
          <SignatureTable label="Outputs" part={signature.outputs} />
          <SignatureTable label="Params" part={signature.params} />
        </div>
      ) : (
        <p className="text-sm text-slate-500">No signature: the MLmodel file does not describe inputs and outputs.</p>
      )}
      {examplePath ? (
        <div>
          <h3 className="mb-1 text-sm font-semibold">
            Input example <span className="font-mono text-xs font-normal text-slate-500">{examplePath}</span>
          </h3>
          <TextPreview source={source} path={examplePath} />
        </div>
      ) : null}
    </div>
  );
}
