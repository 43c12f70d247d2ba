/** The text an LND node signs to answer challenge k1 on this host (shown with its lncli command). */
export function lndLoginMessage(host: string, k1: string): string {
  return `Sign in to ${host} with challenge ${k1}`;
}
