import { MembersPage } from "@/components/members/members-page";

export default function Members() {
  return <MembersPage />;
}
