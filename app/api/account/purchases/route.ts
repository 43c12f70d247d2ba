import { NextResponse } from "next/server";
import { moveBrowserPurchases } from "@/lib/auth/browser-purchases";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

// The explicit choice to move this browser's anonymous purchases into the signed-in account.
export const POST = route({ access: "user" }, async ({ user, reader }) => {
  const { buyerId } = await reader();
  if (!buyerId) throw new AppError(400, "This browser has no purchases to move", "no_browser");
  const moved = await moveBrowserPurchases(buyerId, user.id);
  return NextResponse.json({ moved });
});
