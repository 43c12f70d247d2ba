// The editor's calls to the article and file APIs (one helper for every author form). Errors
// come back as {error: {code, message}}; codes invalid_<field> and slug_taken name the field the
// message belongs next to.

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

const UNREACHABLE: EditorError = { field: null, message: "Could not reach the site; check your connection and try again." };

export async function callApi<T>(url: string, method: "POST" | "PATCH" | "PUT" | "DELETE", value: unknown = {}): Promise<Result<T>> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(value) }).catch(() => null);
  if (!response) return { ok: false, error: UNREACHABLE };
  return resultOf<T>(response.status, await response.json().catch(() => null));
}

/**
 * Sends a file as the raw body (the upload routes stream it to storage). XMLHttpRequest, not
 * fetch: only it reports upload progress (onProgress gets 0..1 as the bytes leave).
 */
export function uploadFile<T>(url: string, method: "POST" | "PUT", file: Blob, onProgress: (fraction: number) => void): Promise<Result<T>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve(resultOf<T>(request.status, request.response));
    request.onerror = request.onabort = () => resolve({ ok: false, error: UNREACHABLE });
    request.send(file);
  });
}

function resultOf<T>(status: number, body: unknown): Result<T> {
  const payload = body as (T & { error?: { code?: string; message?: string } }) | null;
  if (status >= 200 && status < 300 && payload) return { ok: true, value: payload };
  const code = payload?.error?.code ?? "";
  return { ok: false, error: { field: FIELD_OF_CODE[code] ?? null, message: payload?.error?.message ?? `The site answered ${status}; try again.` } };
}
