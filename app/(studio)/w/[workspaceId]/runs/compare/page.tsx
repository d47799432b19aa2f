import { CompareRunsPage } from "@/components/runs/compare-runs-page";

export default async function CompareRuns({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  const { ids = "" } = await searchParams;
  return <CompareRunsPage runIds={ids.split(",").filter(Boolean)} />;
}
