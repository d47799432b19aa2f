import { ProjectPage } from "@/components/labeling/project-page";

export default async function LabelingProject({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  return <ProjectPage name={decodeURIComponent(project)} />;
}
