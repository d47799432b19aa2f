import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";

export type TNetworkMode = "none" | "host";

/** The host's network mode, with what `host` gives every job that runs there spelled out. */
export function NetworkModeField({ value, onChange }: { value: TNetworkMode; onChange: (mode: TNetworkMode) => void }) {
  return (
    <div className="space-y-2">
      <SelectField label="Network" value={value} onChange={(e) => onChange(e.target.value as TNetworkMode)}>
        <option value="none">none: no network (the SDK logs through a file)</option>
        <option value="host">host: the machine's own network</option>
      </SelectField>
      {value === "host" ? (
        <Notice tone="error">
          With host networking, every job on this host shares the machine&apos;s network: it can reach services
          listening on its loopback (the studio and its database when they run there), the local network and cloud
          metadata endpoints, and anything the machine can reach. Choose it only for a host whose every workspace you
          trust with that.
        </Notice>
      ) : null}
    </div>
  );
}
