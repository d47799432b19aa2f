import { EnvironmentsPage } from "@/components/environments/environments-page";

export default function Environments() {
  return <EnvironmentsPage />;
}
