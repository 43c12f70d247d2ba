"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { articlePayload, callApi, type EditorError, type EditorFields } from "@/components/editor/editor-api";
import { MarkdownPreview } from "@/components/editor/markdown-preview";
import { slugify } from "@/lib/articles/slugify";

type Article = { id: string; slug: string; title: string; teaser: string; body: string; priceSats: number; status: string };
type Props = { article: Article | null; maxPriceSats: number };
type Saved = { id: string; slug: string; status: string };

/**
 * Title, slug, teaser, price and Markdown body with a live preview. A new article's slug follows
 * the title until the author types in the slug field; the server then makes a followed slug
 * unique by itself (-2, -3...), while a typed one that is taken comes back as an error.
 */
export function ArticleEditor({ article, maxPriceSats }: Props) {
  const router = useRouter();
  const [fields, setFields] = useState<EditorFields>({
    title: article?.title ?? "",
    slug: article?.slug ?? "",
    teaser: article?.teaser ?? "",
    body: article?.body ?? "",
    price: article ? String(article.priceSats) : "",
  });
  // An existing article keeps its address unless the author changes it on purpose.
  const [slugTyped, setSlugTyped] = useState(article !== null);
  const [status, setStatus] = useState(article?.status ?? "draft");
  const [slug, setSlug] = useState(article?.slug ?? null);
  // Set by the first save, so a publish that fails after it does not create a second draft.
  const [savedId, setSavedId] = useState(article?.id ?? null);
  const [error, setError] = useState<EditorError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  // Set once React has taken over the server-rendered form (browser tests wait for it).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const removed = status === "deleted_by_admin";
  const shownSlug = slugTyped ? fields.slug : slugify(fields.title);
  const visible = status === "visible";

  const set = (name: keyof EditorFields) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setFields((current) => ({ ...current, [name]: value }));
    // Emptying the slug field hands it back to the title.
    if (name === "slug") setSlugTyped(value !== "");
  };

  /** Saves (creating the draft the first time); returns the article's id, or null on an error. */
  const save = async (): Promise<string | null> => {
    const payload = articlePayload({ ...fields, slug: shownSlug }, slugTyped);
    const result = savedId
      ? await callApi<Saved>(`/api/articles/${savedId}`, "PATCH", payload)
      : await callApi<Saved>("/api/articles", "POST", payload);
    if (!result.ok) return (setError(result.error), null);
    setSlug(result.value.slug);
    setSavedId(result.value.id);
    return result.value.id;
  };

  const run = async (action: "save" | "publish" | "unpublish") => {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      const id = action === "unpublish" ? savedId : await save();
      if (!id) return;
      if (action !== "save") {
        const result = await callApi<Saved>(`/api/articles/${id}/${action}`, "POST");
        if (!result.ok) return setError(result.error);
        setStatus(result.value.status);
      }
      setNotice(action === "publish" ? "Published." : action === "unpublish" ? "Unpublished: back to draft." : "Saved.");
      // After the first save the article has an address of its own.
      if (!article) router.replace(`/dashboard/articles/${id}`);
      else router.refresh();
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: keyof EditorFields) =>
    error?.field === name ? (
      <p className="field-error" role="alert" data-testid="editor-error" data-field={name}>
        {error.message}
      </p>
    ) : null;

  return (
    <div className="editor" data-hydrated={hydrated}>
      <div className="editor-bar">
        <span data-testid="editor-status" data-status={status}>
          <StatusBadge status={status} />
        </span>
        {visible && slug && <Link href={`/articles/${slug}`}>View the article</Link>}
        {notice && (
          <span className="state paid" role="status" data-testid="editor-notice">
            {notice}
          </span>
        )}
      </div>
      {removed && <p className="state unavailable">The site&apos;s administrators removed this article. It cannot be changed unless they restore it.</p>}
      {error && error.field === null && (
        <p className="field-error" role="alert" data-testid="editor-error">
          {error.message}
        </p>
      )}
      <div className="editor-columns">
        <div className="editor-form">
          <Field label="Title" error={fieldError("title")}>
            <input value={fields.title} onChange={set("title")} maxLength={120} required data-testid="editor-title" />
          </Field>
          <Field label="Address (slug)" hint={`/articles/${shownSlug || "…"}`} error={fieldError("slug")}>
            <input value={shownSlug} onChange={set("slug")} maxLength={100} data-testid="editor-slug" spellCheck={false} />
          </Field>
          <Field label="Teaser (public, shown above the paywall)" error={fieldError("teaser")}>
            <textarea value={fields.teaser} onChange={set("teaser")} rows={3} maxLength={1000} data-testid="editor-teaser" />
          </Field>
          <Field label="Price in sats (0 = free)" hint={`Up to ${maxPriceSats.toLocaleString("en-US")} sats`} error={fieldError("price")}>
            <input type="number" min={0} max={maxPriceSats} step={1} inputMode="numeric" value={fields.price} onChange={set("price")} data-testid="editor-price" />
          </Field>
          <Field label="Article (Markdown; paid part)" error={fieldError("body")}>
            <textarea className="editor-body" value={fields.body} onChange={set("body")} rows={20} data-testid="editor-body" />
          </Field>
        </div>
        <MarkdownPreview markdown={fields.body} />
      </div>
      <div className="row">
        <button type="button" className={visible ? "button" : "button secondary"} disabled={busy || removed} onClick={() => run("save")} data-testid="editor-save">
          {visible ? "Save changes" : "Save draft"}
        </button>
        {!visible && (
          <button type="button" className="button" disabled={busy || removed} onClick={() => run("publish")} data-testid="editor-publish">
            Publish
          </button>
        )}
        {visible && (
          <button type="button" className="button secondary" disabled={busy} onClick={() => run("unpublish")} data-testid="editor-unpublish">
            Unpublish
          </button>
        )}
      </div>
    </div>
  );
}

function Field({ label, hint, error, children }: { label: string; hint?: string; error: ReactNode; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {hint && <small className="muted">{hint}</small>}
      {error}
    </label>
  );
}
