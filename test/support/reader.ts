import { cookieHeader, get, invoiceIn } from "./http";

/** A new reader (fresh buyer cookie) opening a paid article: returns their cookie and invoice. */
export async function newReaderInvoice(baseUrl: string, slug: string): Promise<{ cookie: string; invoice: string; html: string }> {
  const first = await get(`${baseUrl}/articles/${slug}`);
  const cookie = cookieHeader(first.cookies);
  return { cookie, invoice: invoiceIn(first.text), html: first.text };
}
