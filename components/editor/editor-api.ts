// The editor's calls to the article API. Errors come back as {error: {code, message}}; codes
// invalid_<field> and slug_taken name the field the message belongs next to.

export type EditorFields = { title: string; slug: string; teaser: string; body: string; price: string };
export type EditorError = { field: keyof EditorFields | null; message: string };
type Result<T> = { ok: true; value: T } | { ok: false; error: EditorError };

const FIELD_OF_CODE: Record<string, keyof EditorFields> = {
  invalid_title: "title",
  invalid_slug: "slug",
  slug_taken: "slug",
  invalid_teaser: "teaser",
  invalid_body: "body",
  empty_body: "body",
  invalid_price_sats: "price",
};

/** The JSON the API takes; an empty price is left out so the server asks for one. */
export function articlePayload(fields: EditorFields, sendSlug: boolean) {
  return {
    title: fields.title,
    ...(sendSlug ? { slug: fields.slug } : {}),
    teaser: fields.teaser,
    body: fields.body,
    ...(fields.price.trim() === "" ? {} : { priceSats: Number(fields.price) }),
  };
}

export async function callApi<T>(url: string, method: "POST" | "PATCH" | "PUT", value: unknown = {}): Promise<Result<T>> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(value) }).catch(() => null);
  if (!response) return { ok: false, error: { field: null, message: "Could not reach the site; check your connection and try again." } };
  const payload = (await response.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
  if (response.ok && payload) return { ok: true, value: payload };
  const code = payload?.error?.code ?? "";
  return { ok: false, error: { field: FIELD_OF_CODE[code] ?? null, message: payload?.error?.message ?? `The site answered ${response.status}; try again.` } };
}
