import { DataPage } from "@/components/data/data-page";

export default function Data() {
  return <DataPage />;
}
