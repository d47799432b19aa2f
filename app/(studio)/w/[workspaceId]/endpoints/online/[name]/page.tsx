import { OnlineEndpointPage } from "@/components/endpoints/online-endpoint-page";

export default async function OnlineEndpoint({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <OnlineEndpointPage name={decodeURIComponent(name)} />;
}
