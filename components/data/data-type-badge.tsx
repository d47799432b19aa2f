import type { TDataAssetType } from "@/server/services/data/data-asset-input";

const TONE: Record<TDataAssetType, string> = {
  uri_file: "bg-slate-100 text-slate-700",
  uri_folder: "bg-amber-50 text-amber-800",
  table: "bg-emerald-50 text-emerald-800",
};

export function DataTypeBadge({ type }: { type: TDataAssetType }) {
  return <span className={`rounded px-1.5 py-0.5 font-mono text-[11px] ${TONE[type]}`}>{type}</span>;
}
