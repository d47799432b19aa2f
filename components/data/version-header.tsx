import Link from "next/link";
import type { ReactNode } from "react";

/** A data or model version page's heading: where it sits, its reference, its type and whether it is archived. */
export function VersionHeader({
  section,
  asset,
  versionRef,
  badge,
  isArchived,
  description,
}: {
  section: { label: string; href: string };
  asset: { name: string; href: string };
  versionRef: string;
  badge: ReactNode;
  isArchived: boolean;
  description: string;
}) {
  return (
    <div>
      <p className="text-sm text-slate-500">
        <Link className="text-sky-700 hover:underline" href={section.href}>
          {section.label}
        </Link>{" "}
        /{" "}
        <Link className="text-sky-700 hover:underline" href={asset.href}>
          {asset.name}
        </Link>
      </p>
      <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold">
        <span className="font-mono">{versionRef}</span>
        {badge}
        {isArchived ? (
          <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-700">archived</span>
        ) : null}
      </h1>
      {description ? <p className="mt-1 text-slate-600">{description}</p> : null}
    </div>
  );
}
