import { CreateDataPage } from "@/components/data/create-data-page";

export default function NewData() {
  return <CreateDataPage />;
}
