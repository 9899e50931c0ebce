// POST /api/auth/confirm – the sign-in confirmation form: turns a valid, unused link into a session.
import { confirmSignIn } from "@/lib/auth/handlers";

export const dynamic = "force-dynamic";
export { confirmSignIn as POST };
