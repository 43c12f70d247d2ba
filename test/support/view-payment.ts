import { preparePayment } from "@/lib/payments/open-payment";

/** A browser's view payment for an article, through the engine (what the article page does). */
export function prepareViewPayment(buyerId: string, article: { id: string }, clientAddress?: string) {
  return preparePayment("view", { articleId: article.id }, { kind: "browser", buyerId }, clientAddress);
}
