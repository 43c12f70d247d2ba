/** msats as a short sats text for messages: "1,234 sats", "0.5 sats". */
export function formatSats(msats: bigint): string {
  const whole = msats / 1000n;
  const rest = msats % 1000n;
  const text = whole.toLocaleString("en-US") + (rest === 0n ? "" : `.${rest.toString().padStart(3, "0").replace(/0+$/, "")}`);
  return `${text} ${whole === 1n && rest === 0n ? "sat" : "sats"}`;
}
