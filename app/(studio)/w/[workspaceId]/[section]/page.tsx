import { notFound } from "next/navigation";
import { NotBuiltYet } from "@/components/shell/not-built-yet";
import { PLANNED_SECTIONS } from "@/components/shell/navigation";

export default async function PlannedSection({ params }: { params: Promise<{ section: string }> }) {
  const { section } = await params;
  const planned = PLANNED_SECTIONS.find((s) => s.slug === section);
  if (!planned) notFound();
  return <NotBuiltYet title={planned.label} description={planned.description} />;
}
