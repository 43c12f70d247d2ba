import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ArticleEditor } from "@/components/editor/article-editor";
import { CoAuthorsEditor } from "@/components/editor/co-authors-editor";
import { ArticleFilesEditor } from "@/components/files/article-files-editor";
import { listArticleFiles } from "@/lib/files/file-queries";
import { listCoAuthors } from "@/lib/articles/co-authors";
import { isArticleId } from "@/lib/articles/article-id";
import { findOwnArticle } from "@/lib/articles/own-articles";
import { currentUser } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit article", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

export default async function EditArticlePage({ params }: Props) {
  const { id } = await params;
  if (!isArticleId(id)) notFound();
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=/dashboard/articles/${id}`);
  // Someone else's article (admins included: moderation is on /admin) is a 404 like an unknown id.
  const article = user.canWrite ? await findOwnArticle(user.id, id) : null;
  if (!article) notFound();
  return (
    <>
      <h1>Edit article</h1>
      <ArticleEditor article={article} maxPriceSats={getEnv().MAX_PRICE_SATS} />
      <ArticleFilesEditor
        articleId={article.id}
        initial={await listArticleFiles(article.id, "editor")}
        disabled={article.status === "deleted_by_admin"}
        maxUploadMb={getEnv().MAX_UPLOAD_MB}
      />
      <CoAuthorsEditor articleId={article.id} leadId={user.id} initial={await listCoAuthors(article.id)} disabled={article.status === "deleted_by_admin"} />
    </>
  );
}
