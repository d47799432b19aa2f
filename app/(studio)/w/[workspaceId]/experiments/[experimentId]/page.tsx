import { ExperimentPage } from "@/components/experiments/experiment-page";

export default async function Experiment({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  return <ExperimentPage experimentId={experimentId} />;
}
