import { formatSats } from "@/lib/withdrawals/format-sats";
import type { WithdrawalRow } from "@/lib/withdrawals/withdrawal-queries";

const STATE_LABEL = { requested: "Requested", in_flight: "On its way", paid: "Paid", failed: "Failed (credited back)" } as const;
const METHOD_LABEL = { lnurl: "LNURL-withdraw", invoice: "Pasted invoice", payout: "Automatic payout" } as const;

/** The user's withdrawals with their states, newest first. */
export function WithdrawalHistory({ rows }: { rows: WithdrawalRow[] }) {
  if (rows.length === 0) return <p className="muted">No withdrawals yet.</p>;
  return (
    <table data-testid="withdrawal-history">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">How</th>
          <th scope="col">Amount</th>
          <th scope="col">Routing fee</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-status={row.status}>
            <td>{row.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
            <td>{METHOD_LABEL[row.method]}</td>
            <td>{formatSats(row.amountMsats)}</td>
            <td>{row.feeMsats === null ? "–" : formatSats(row.feeMsats)}</td>
            <td>
              {STATE_LABEL[row.status]}
              {row.failureReason && <span className="muted"> ({row.failureReason})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
