import { OnlineEndpointsSection } from "@/components/endpoints/online-endpoints-section";

export default function OnlineEndpoints() {
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Online endpoints</h1>
      <OnlineEndpointsSection />
    </div>
  );
}
