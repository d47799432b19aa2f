import { ModelVersionPage } from "@/components/models/model-version-page";

export default async function ModelVersion({ params }: { params: Promise<{ name: string; version: string }> }) {
  const { name, version } = await params;
  return <ModelVersionPage name={decodeURIComponent(name)} version={decodeURIComponent(version)} />;
}
