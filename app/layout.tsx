import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/trpc/trpc-provider";
import "./globals.css";

export const metadata: Metadata = { title: "Crucible", description: "Self-hosted machine-learning studio" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcProvider>{children}</TrpcProvider>
      </body>
    </html>
  );
}
