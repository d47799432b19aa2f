import { signOutAction } from "@/app/session-actions";
import { AdminPage } from "@/components/admin/admin-page";

export default function Admin() {
  return <AdminPage signOutAction={signOutAction} />;
}
