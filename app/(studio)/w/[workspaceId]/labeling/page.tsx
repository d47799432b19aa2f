import { LabelingProjectsPage } from "@/components/labeling/labeling-projects-page";

export default function Labeling() {
  return <LabelingProjectsPage />;
}
