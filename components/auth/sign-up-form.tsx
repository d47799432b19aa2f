"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { NewAccountFields } from "./new-account-fields";
import { Notice } from "../ui/notice";
import { AuthCard } from "./auth-card";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: (user) => router.push(`/signin?email=${encodeURIComponent(user.email)}`),
    }),
  );
  return (
    <AuthCard title="Create an account">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          signUp.mutate({ email, name, password });
        }}
      >
        <TextField
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
        />
        <NewAccountFields name={name} password={password} onName={setName} onPassword={setPassword} />
        {signUp.isError ? <Notice tone="error">{errorMessage(signUp.error)}</Notice> : null}
        <Button type="submit" className="w-full justify-center" disabled={signUp.isPending}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
