import { ExperimentsPage } from "@/components/experiments/experiments-page";

export default function Experiments() {
  return <ExperimentsPage />;
}
