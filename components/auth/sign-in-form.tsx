import { AuthCard } from "./auth-card";
import { Notice } from "../ui/notice";

const ERRORS: Record<string, string> = {
  invalid: "Invalid email or password.",
  rate_limited: "Too many failed sign-ins. Wait a few minutes and try again.",
  AccessDenied: "This account is not allowed to sign in. Ask an Owner for an invitation.",
};

type TProps = {
  error?: string;
  email?: string;
  callbackUrl?: string;
  oidcName: string | null;
  isSignUpOpen: boolean;
  passwordAction: (formData: FormData) => Promise<void>;
  oidcAction: () => Promise<void>;
};

export function SignInForm({ error, email, callbackUrl, oidcName, isSignUpOpen, passwordAction, oidcAction }: TProps) {
  return (
    <AuthCard title="Sign in">
      {error ? (
        <div className="mb-4">
          <Notice tone="error">{ERRORS[error] ?? "Sign-in failed."}</Notice>
        </div>
      ) : null}
      <form action={passwordAction} className="space-y-3">
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
        <label className="block text-sm font-medium text-slate-700">
          Email
          <input
            name="email"
            type="email"
            required
            autoComplete="username"
            defaultValue={email}
            autoFocus
            className="mt-1 block w-full rounded border border-slate-300 px-2.5 py-1.5 text-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            className="mt-1 block w-full rounded border border-slate-300 px-2.5 py-1.5 text-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
          />
        </label>
        <button
          type="submit"
          className="w-full rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
        >
          Sign in
        </button>
      </form>
      {oidcName ? (
        <form action={oidcAction} className="mt-3">
          <button
            type="submit"
            className="w-full rounded border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Continue with {oidcName}
          </button>
        </form>
      ) : null}
      <p className="mt-4 text-xs text-slate-500">
        {isSignUpOpen ? (
          <a className="text-sky-700 underline" href="/signup">
            Create an account
          </a>
        ) : (
          "New here? Ask a workspace Owner for an invitation link."
        )}
      </p>
    </AuthCard>
  );
}
