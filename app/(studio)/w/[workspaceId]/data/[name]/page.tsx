import { DataAssetPage } from "@/components/data/data-asset-page";

export default async function DataAsset({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <DataAssetPage name={decodeURIComponent(name)} />;
}
