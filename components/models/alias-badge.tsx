/** An alias as the CLI and jobs write it, `@champion`, pointing at a version when it is given. */
export function AliasBadge({ alias, version }: { alias: string; version?: number }) {
  return (
    <span className="rounded bg-violet-50 px-1.5 py-0.5 font-mono text-[11px] text-violet-800">
      @{alias}
      {version !== undefined ? <span className="text-violet-500"> → v{version}</span> : null}
    </span>
  );
}
