import { notFound } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

export default function SignUpPage() {
  if (!env().CRUCIBLE_ALLOW_SIGNUP) notFound();
  return <SignUpForm />;
}
