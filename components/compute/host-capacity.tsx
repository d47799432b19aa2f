import { formatBytes } from "../runs/format";
import { CapacityBar } from "./capacity-bar";

type THostCapacity = {
  maxConcurrentRuns: number;
  capacity: { cpus: number | null; memoryBytes: number | null; gpus: number };
  used: { runs: number; instances: number; cpus: number; memoryBytes: number; gpus: number };
};

/** What active runs and endpoint instances (of every workspace the host serves) hold of a host. */
export function HostCapacity({ host }: { host: THostCapacity }) {
  return (
    <div className="mt-2 flex flex-wrap gap-6">
      <CapacityBar label="Runs" used={host.used.runs} total={host.maxConcurrentRuns} format={String} />
      <CapacityBar
        label="CPU"
        used={host.used.cpus}
        total={host.capacity.cpus}
        format={(n) => n.toFixed(n % 1 ? 1 : 0)}
      />
      <CapacityBar label="Memory" used={host.used.memoryBytes} total={host.capacity.memoryBytes} format={formatBytes} />
      {host.used.instances ? (
        <p className="self-end text-xs text-slate-500">
          CPU and memory include {host.used.instances} endpoint instance{host.used.instances === 1 ? "" : "s"}
        </p>
      ) : null}
      {host.capacity.gpus ? (
        <CapacityBar label="GPU" used={host.used.gpus} total={host.capacity.gpus} format={String} />
      ) : null}
    </div>
  );
}
