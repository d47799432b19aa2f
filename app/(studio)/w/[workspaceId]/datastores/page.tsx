import { DatastoresPage } from "@/components/datastores/datastores-page";

export default function Datastores() {
  return <DatastoresPage />;
}
