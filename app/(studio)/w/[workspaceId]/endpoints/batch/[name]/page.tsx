import { BatchEndpointPage } from "@/components/endpoints/batch-endpoint-page";

export default async function BatchEndpoint({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <BatchEndpointPage name={decodeURIComponent(name)} />;
}
