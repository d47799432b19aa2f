"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/server/auth/auth";

export async function signInWithPassword(formData: FormData): Promise<void> {
  const callbackUrl = String(formData.get("callbackUrl") ?? "/");
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: callbackUrl.startsWith("/") ? callbackUrl : "/",
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) redirect(`/signin?error=${encodeURIComponent(error.code)}`);
    if (error instanceof AuthError) redirect("/signin?error=invalid");
    throw error; // Next's redirect after a successful sign-in travels as an exception
  }
}

export async function signInWithOidc(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
