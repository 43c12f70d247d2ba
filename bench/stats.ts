// Small statistics and text-table helpers for the benchmark report.

export type Distribution = { n: number; mean: number; p50: number; p90: number; p99: number; max: number; min: number };

/**
 * Nearest-rank percentile: always a value that was actually observed, so with few samples p99
 * is simply the maximum rather than an interpolation that never happened.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    mean,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Fixed decimals; "-" for missing values so a table never shows NaN. */
export function fmt(value: number | undefined, decimals = 1): string {
  return value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(decimals);
}

/** A plain-text table: first column left-aligned (labels), the others right-aligned (numbers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

/** One latency table: a row per labelled distribution, in milliseconds. */
export function latencyTable(rows: readonly (readonly [label: string, distribution: Distribution])[]): string {
  return table(
    ["latency (ms)", "n", "p50", "p90", "p99", "max", "mean"],
    rows.map(([label, d]) => [label, String(d.n), fmt(d.p50), fmt(d.p90), fmt(d.p99), fmt(d.max), fmt(d.mean)]),
  );
}
