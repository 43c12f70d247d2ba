import { cookieHeader, get, invoiceIn } from "./http";

/**
 * A new reader opening a paid article: the first request gets the buyer cookie (and a page that
 * waits for it), the second, sending the cookie back as a browser does, gets the invoice.
 */
export async function newReaderInvoice(baseUrl: string, slug: string): Promise<{ cookie: string; invoice: string; html: string }> {
  const first = await get(`${baseUrl}/articles/${slug}`);
  const cookie = cookieHeader(first.cookies);
  const page = await get(`${baseUrl}/articles/${slug}`, { cookie });
  return { cookie, invoice: invoiceIn(page.text), html: page.text };
}
