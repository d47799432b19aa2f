import { EndpointsPage } from "@/components/endpoints/endpoints-page";

export default function Endpoints() {
  return <EndpointsPage />;
}
