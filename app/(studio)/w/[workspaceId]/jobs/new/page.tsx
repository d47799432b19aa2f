import { Suspense } from "react";
import { SubmitJobPage } from "@/components/jobs/submit-job-page";

export default function SubmitJob() {
  return (
    <Suspense>
      <SubmitJobPage />
    </Suspense>
  );
}
