import { ModelsPage } from "@/components/models/models-page";

export default function Models() {
  return <ModelsPage />;
}
