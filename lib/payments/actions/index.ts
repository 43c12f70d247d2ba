import "server-only";
import { articleTip } from "@/lib/payments/actions/article-tip";
import { articleView } from "@/lib/payments/actions/article-view";
import { file } from "@/lib/payments/actions/file";
import { gift } from "@/lib/payments/actions/gift";
import { machineFile } from "@/lib/payments/actions/machine-file";
import { machineView } from "@/lib/payments/actions/machine-view";
import { pass } from "@/lib/payments/actions/pass";
import { tip } from "@/lib/payments/actions/tip";
import { upvote } from "@/lib/payments/actions/upvote";
import type { PaidAction } from "@/lib/payments/paid-action";

// The registry: every paid thing the site sells, by its type (Payment.purpose). The only file
// that imports lib/payments/actions/*; the engine looks actions up here and names none.
const ACTIONS = {
  [articleView.type]: articleView,
  [upvote.type]: upvote,
  [tip.type]: tip,
  [articleTip.type]: articleTip,
  [pass.type]: pass,
  [file.type]: file,
  [gift.type]: gift,
  [machineView.type]: machineView,
  [machineFile.type]: machineFile,
};

export type ActionType = keyof typeof ACTIONS;

export function isActionType(type: string): type is ActionType {
  return Object.hasOwn(ACTIONS, type);
}

/** The action for a type; throws on an unknown one (a row written by a newer version, say). */
export function paidAction(type: string): PaidAction<unknown, unknown> {
  if (!isActionType(type)) throw new Error(`unknown paid action: ${type}`);
  return ACTIONS[type] as unknown as PaidAction<unknown, unknown>;
}
