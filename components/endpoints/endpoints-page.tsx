import { BatchEndpointsSection } from "./batch-endpoints-section";

/** The workspace's endpoints, one section per kind; online endpoints take their place above batch. */
export function EndpointsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Endpoints</h1>
      <BatchEndpointsSection />
    </div>
  );
}
