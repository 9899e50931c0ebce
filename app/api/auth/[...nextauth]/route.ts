// GET/POST /api/auth/* – next-auth (sign-in link requests, CSRF token, sign-out), behind Forewarn's guards.
import { handleAuthGet, handleAuthPost } from "@/lib/auth/handlers";

export const dynamic = "force-dynamic";
export { handleAuthGet as GET, handleAuthPost as POST };
