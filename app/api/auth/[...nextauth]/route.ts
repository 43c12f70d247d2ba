import { handlers } from "@/lib/auth/next-auth";
import { guardAuthRequest } from "@/lib/http/auth-request-guard";

// next-auth's handlers, behind a body size limit and a check of the callback URL.
export const GET = guardAuthRequest(handlers.GET);
export const POST = guardAuthRequest(handlers.POST);
