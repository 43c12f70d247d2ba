import "server-only";
import { articleTags, invalidatePages } from "@/lib/cache/page-cache";
import { z } from "zod";
import { noSuchArticle } from "@/lib/articles/article-id";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ROW_ID } from "@/lib/http/identifiers";

// Co-authors: the lead author (Article.authorId, who edits) shares an article's sales and
// the authors' part of upvotes with others, in whole percents summing to 100, stored as
// ArticleAuthor rows (position 0 = the lead, who takes rounding remainders). Only the lead
// changes them; the ledger reads them when a payment settles, so a change applies to later
// payments only.

export const MAX_CO_AUTHORS = 10;

const percent = (who: string) =>
  z
    .number({ error: `${who}: the share must be a number of percent` })
    .int(`${who}: the share must be a whole percent`)
    .min(1, `${who}: the share must be at least 1%`)
    .max(100, `${who}: the share must be at most 100%`);

const schema = z.strictObject({
  leadPercent: percent("Your share"),
  coAuthors: z
    .array(z.strictObject({ who: z.string({ error: "Co-author: name them by user id, Lightning Address or display name" }).trim().min(1, "Co-author: name them by user id, Lightning Address or display name").max(200), percent: percent("Co-author") }))
    .max(MAX_CO_AUTHORS, `At most ${MAX_CO_AUTHORS} co-authors`),
});

export type CoAuthorsInput = z.infer<typeof schema>;
export type CoAuthor = { userId: string; name: string; percent: number };

export function parseCoAuthors(value: unknown): CoAuthorsInput {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const message = issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : issue.message;
  throw new AppError(400, message, "invalid_shares");
}

/**
 * Finds a co-author by user id, Lightning Address (`name@host` or `name`) or exact display name;
 * a clear 400 when nobody, or several people, match, or when they do not write on the site.
 */
async function findCoAuthor(who: string): Promise<{ userId: string; name: string }> {
  const select = { id: true, role: true, profile: { select: { displayName: true } } } as const;
  let users = ROW_ID.test(who) ? await db().user.findMany({ where: { id: who }, select }) : [];
  if (users.length === 0) {
    const name = who.replace(/^@/, "").split("@")[0]!.toLowerCase();
    users = await db().user.findMany({ where: { profile: { lightningName: name } }, select });
  }
  if (users.length === 0) users = await db().user.findMany({ where: { profile: { displayName: who } }, select, take: 2 });
  if (users.length === 0) throw new AppError(400, `No one on this site is "${who}": name a co-author by their user id, Lightning Address or display name`, "unknown_co_author");
  if (users.length > 1) throw new AppError(400, `Several people are called "${who}": name this co-author by their user id`, "ambiguous_co_author");
  const user = users[0]!;
  if (user.role !== "author" && user.role !== "admin") throw new AppError(400, `"${who}" does not write on this site: only authors can be co-authors`, "not_an_author");
  return { userId: user.id, name: user.profile?.displayName ?? "Anonymous" };
}

/** The article's shares as the editor shows them: the lead first; empty when the lead has it all. */
export async function listCoAuthors(articleId: string): Promise<CoAuthor[]> {
  const rows = await db().articleAuthor.findMany({
    where: { articleId },
    orderBy: { position: "asc" },
    select: { userId: true, sharePercent: true, user: { select: { profile: { select: { displayName: true } } } } },
  });
  return rows.map((row) => ({ userId: row.userId, name: row.user.profile?.displayName ?? "Anonymous", percent: row.sharePercent }));
}

/** Replaces the shares of one's own article (draft or published); 400 unless they sum to 100. */
export async function setCoAuthors(lead: { id: string }, articleId: string, input: CoAuthorsInput): Promise<CoAuthor[]> {
  const article = await db().article.findFirst({ where: { id: articleId, authorId: lead.id }, select: { status: true } });
  if (!article) throw noSuchArticle();
  if (article.status === "deleted_by_admin") throw new AppError(403, "This article was removed by the site's administrators and cannot be edited until they restore it", "removed_by_admin");
  const total = input.leadPercent + input.coAuthors.reduce((sum, entry) => sum + entry.percent, 0);
  if (total !== 100) {
    throw new AppError(400, `The shares add up to ${total}%, not 100%: your ${input.leadPercent}% plus ${input.coAuthors.map((entry) => `${entry.percent}%`).join(" + ") || "nothing"}`, "invalid_shares");
  }
  const found = [];
  for (const entry of input.coAuthors) found.push({ ...(await findCoAuthor(entry.who)), percent: entry.percent, who: entry.who });
  const seen = new Set([lead.id]);
  for (const entry of found) {
    if (entry.userId === lead.id) throw new AppError(400, `"${entry.who}" is you: your own share is the first one`, "invalid_shares");
    if (seen.has(entry.userId)) throw new AppError(400, `"${entry.who}" is listed twice`, "invalid_shares");
    seen.add(entry.userId);
  }
  const rows = found.length
    ? [{ userId: lead.id, sharePercent: input.leadPercent }, ...found.map((entry) => ({ userId: entry.userId, sharePercent: entry.percent }))].map((row, position) => ({ ...row, articleId, position }))
    : [];
  // One transaction: a settling payment reads either the old shares or the new ones, never a mix.
  await db().$transaction([db().articleAuthor.deleteMany({ where: { articleId } }), ...(rows.length ? [db().articleAuthor.createMany({ data: rows })] : [])]);
  invalidatePages(articleTags(articleId));
  return listCoAuthors(articleId);
}
