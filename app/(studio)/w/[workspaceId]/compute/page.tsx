import { ComputePage } from "@/components/compute/compute-page";

export default function Compute() {
  return <ComputePage />;
}
