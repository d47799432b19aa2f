export function KeyValueTable({ label, entries }: { label: string; entries: [string, string][] }) {
  if (!entries.length) return <p className="text-sm text-slate-500">None.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <tbody className="divide-y divide-slate-100">
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" className="w-1/3 py-1 pr-4 font-mono text-xs font-normal text-slate-600">
              {k}
            </th>
            <td className="break-all py-1 font-mono text-xs">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
