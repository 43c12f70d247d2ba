import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ArticleEditor } from "@/components/editor/article-editor";
import { currentUser } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New article", robots: { index: false } };

export default async function NewArticlePage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/dashboard/articles/new");
  // Readers find the way to become an author on the dashboard.
  if (!user.canWrite) redirect("/dashboard");
  return (
    <>
      <h1>New article</h1>
      <ArticleEditor article={null} maxPriceSats={getEnv().MAX_PRICE_SATS} />
    </>
  );
}
