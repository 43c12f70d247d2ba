// Msats shown as sats: whole sats as they are, fractions with up to three decimals (0.5, 1.166).
export function satsOf(msats: bigint): string {
  const negative = msats < 0n;
  const abs = negative ? -msats : msats;
  const whole = abs / 1000n;
  const part = abs % 1000n;
  const text = part === 0n ? whole.toLocaleString("en-US") : `${whole.toLocaleString("en-US")}.${String(part).padStart(3, "0").replace(/0+$/, "")}`;
  return negative ? `-${text}` : text;
}
