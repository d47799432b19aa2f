import { BatchEndpointsSection } from "./batch-endpoints-section";
import { OnlineEndpointsSection } from "./online-endpoints-section";

/** The workspace's endpoints, one section per kind: online, then batch. */
export function EndpointsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Endpoints</h1>
      <OnlineEndpointsSection />
      <BatchEndpointsSection />
    </div>
  );
}
