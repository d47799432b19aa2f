import { TokensPage } from "@/components/tokens/tokens-page";

export default function Tokens() {
  return <TokensPage />;
}
