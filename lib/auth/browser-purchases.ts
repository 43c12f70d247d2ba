import "server-only";
import { newBuyerId } from "@/lib/buyers/reader-cookies";
import { anonymousPurchaseCount, browserOwner, claimBrowser, insertBuyer } from "@/lib/buyers/buyer-queries";

export { anonymousPurchaseCount };

// What happens to a browser's buyer id (and so its purchases) when someone signs in on it.
// Purchases made anonymously move into the account only when the person ticks the box that
// says so: a sign-in the person did not mean (a code answered by an onlooker's wallet) must not
// hand the browser's purchases to someone else's account.

/** True when the browser's purchases were never moved into an account (they stay with it at sign-out). */
export async function browserKeepsOwnPurchases(browserId: string): Promise<boolean> {
  return (await browserOwner(browserId)) === null;
}

/**
 * At sign-in: a browser whose buyer id belongs to another account gets a new one (returned, for
 * the cookie), so this account neither sees nor inherits the other's purchases. An anonymous
 * browser's purchases move only with `move`; a browser without purchases joins the account.
 */
export async function settleBrowserAtSignIn(browserId: string, userId: string, move: boolean): Promise<{ newBuyerId?: string }> {
  const owner = await browserOwner(browserId);
  if (owner === userId) return {};
  if (owner) {
    const fresh = newBuyerId();
    await insertBuyer(fresh, userId);
    return { newBuyerId: fresh };
  }
  if (owner === null) {
    if (move) await claimBrowser(browserId, userId);
    return {};
  }
  // No purchases yet: future ones belong to the account. DO NOTHING keeps a purchase made in the
  // meantime with the browser (it was not confirmed for moving).
  await insertBuyer(browserId, userId, { ifAbsent: true });
  return {};
}

/** The explicit "move this browser's purchases into my account" button. */
export async function moveBrowserPurchases(browserId: string, userId: string): Promise<number> {
  const count = await anonymousPurchaseCount(browserId);
  await claimBrowser(browserId, userId);
  return count;
}
