import { redirect } from "next/navigation";
import { signInWithOidc, signInWithPassword } from "@/app/session-actions";
import { SignInForm } from "@/components/auth/sign-in-form";
import { auth } from "@/server/auth/auth";
import { env, isOidcConfigured } from "@/server/env";

export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  if ((await auth())?.user) redirect("/");
  const { error, email, callbackUrl } = await searchParams;
  return (
    <SignInForm
      error={error}
      email={email}
      callbackUrl={callbackUrl}
      passwordAction={signInWithPassword}
      oidcAction={signInWithOidc}
      isSignUpOpen={env().CRUCIBLE_ALLOW_SIGNUP}
      oidcName={isOidcConfigured() ? env().CRUCIBLE_OIDC_NAME : null}
    />
  );
}
