import { LabelingWorkbench } from "@/components/labeling/workbench/labeling-workbench";

export default async function LabelProject({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  return <LabelingWorkbench projectName={decodeURIComponent(project)} />;
}
