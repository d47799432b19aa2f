import { ReviewWorkbench } from "@/components/labeling/workbench/review-workbench";

export default async function ReviewProject({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  return <ReviewWorkbench projectName={decodeURIComponent(project)} />;
}
