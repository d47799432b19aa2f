import { ModelPage } from "@/components/models/model-page";

export default async function Model({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ModelPage name={decodeURIComponent(name)} />;
}
