import { VersionRuns } from "../lineage/version-runs";
import { Section } from "../ui/section";

/** The version page's place for lineage: the runs that read or made this version, and the graph around it. */
export function VersionLineageSlot({ name, version }: { name: string; version: number }) {
  return (
    <Section title="Runs and lineage">
      <VersionRuns asset={name} version={version} />
    </Section>
  );
}
