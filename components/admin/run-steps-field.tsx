import { Notice } from "../ui/notice";

/** Who environments' RUN lines run as on a host, with what root there means spelled out. */
export function RunStepsField({ value, onChange }: { value: boolean; onChange: (isRoot: boolean) => void }) {
  return (
    <div className="space-y-2">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={value} onChange={(e) => onChange(e.target.checked)} />
        <span>
          <span className="font-medium text-slate-700">Run environments&apos; RUN lines as root</span>
          <span className="block text-xs text-slate-500">
            Off: they run as the job&apos;s user (1000:1000), which cannot write system folders. os_packages and
            python_requirements install either way, without root.
          </span>
        </span>
      </label>
      {value ? (
        <Notice tone="error">
          Whoever may write environments in a workspace this host is shared with then runs code here as root of its
          build container: with no capabilities and no new privileges, but as the machine&apos;s root user unless the
          engine remaps user namespaces or runs rootless. Turn it on only for such an engine or for workspaces you trust
          with that.
        </Notice>
      ) : null}
    </div>
  );
}
