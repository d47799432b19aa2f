"use client";

import { TextField } from "../ui/field";

/** A new account's name and password, as sign-up and accepting an invitation ask for them. */
export function NewAccountFields({
  name,
  password,
  onName,
  onPassword,
}: {
  name: string;
  password: string;
  onName: (name: string) => void;
  onPassword: (password: string) => void;
}) {
  return (
    <>
      <TextField
        label="Your name"
        name="name"
        required
        value={name}
        onChange={(e) => onName(e.target.value)}
        autoComplete="name"
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        minLength={8}
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        autoComplete="new-password"
        hint="At least 8 characters."
      />
    </>
  );
}
