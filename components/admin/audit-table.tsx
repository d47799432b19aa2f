type TAuditItem = {
  id: string;
  actorEmail: string;
  action: string;
  details: Record<string, unknown>;
  createdAt: string | Date;
};

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`,
    )
    .join(" · ");
}

export function AuditTable({ label, items }: { label: string; items: TAuditItem[] }) {
  if (!items.length) return <p className="text-sm text-slate-500">Nothing recorded.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 font-medium">When</th>
          <th className="py-1 font-medium">Who</th>
          <th className="py-1 font-medium">What</th>
          <th className="py-1 font-medium">Details</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap py-1.5 text-slate-500">{new Date(e.createdAt).toLocaleString()}</td>
            <td className="py-1.5">{e.actorEmail}</td>
            <td className="py-1.5 font-mono text-xs">{e.action}</td>
            <td className="py-1.5 text-slate-600">{describe(e.details)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
