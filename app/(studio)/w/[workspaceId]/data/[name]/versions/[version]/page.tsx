import { DataVersionPage } from "@/components/data/data-version-page";

export default async function DataVersion({
  params,
  searchParams,
}: {
  params: Promise<{ name: string; version: string }>;
  searchParams: Promise<{ newBytes?: string; storedBytes?: string }>;
}) {
  const { name, version } = await params;
  const { newBytes, storedBytes } = await searchParams;
  const uploaded =
    newBytes !== undefined && storedBytes !== undefined
      ? { newBytes: Number(newBytes), storedBytes: Number(storedBytes) }
      : null;
  return <DataVersionPage name={decodeURIComponent(name)} version={version} uploaded={uploaded} />;
}
