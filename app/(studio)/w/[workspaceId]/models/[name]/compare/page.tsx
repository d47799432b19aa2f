import { CompareModelVersionsPage } from "@/components/models/compare-model-versions-page";

export default async function CompareModelVersions({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ versions?: string }>;
}) {
  const { name } = await params;
  const { versions = "" } = await searchParams;
  // Anything that is not a version number is left out; the procedure checks the rest.
  const numbers = versions
    .split(",")
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);
  return <CompareModelVersionsPage name={decodeURIComponent(name)} versions={numbers} />;
}
