"use client";

import { useState } from "react";
import { callApi } from "@/components/editor/editor-api";

type Saved = { userId: string; name: string; percent: number };
type Row = { who: string; percent: string };
type Props = { articleId: string; leadId: string; initial: Saved[]; disabled: boolean };

/**
 * Co-authors and shares: the lead author's percent and each co-author's (named by user id,
 * Lightning Address or display name), whole percents summing to 100. The server checks it all
 * and says what is wrong; the sum is shown here as you type.
 */
export function CoAuthorsEditor({ articleId, leadId, initial, disabled }: Props) {
  const lead = initial.find((entry) => entry.userId === leadId);
  const [leadPercent, setLeadPercent] = useState(String(lead?.percent ?? 100));
  const [rows, setRows] = useState<Row[]>(initial.filter((entry) => entry.userId !== leadId).map((entry) => ({ who: entry.userId, percent: String(entry.percent) })));
  const [names, setNames] = useState(initial.filter((entry) => entry.userId !== leadId).map((entry) => entry.name));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const total = Number(leadPercent || 0) + rows.reduce((sum, row) => sum + Number(row.percent || 0), 0);

  const update = (index: number, field: keyof Row) => (event: { target: { value: string } }) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, [field]: event.target.value } : row)));

  const save = async () => {
    setBusy(true);
    setMessage(null);
    const payload = { leadPercent: Number(leadPercent), coAuthors: rows.map((row) => ({ who: row.who, percent: Number(row.percent) })) };
    const result = await callApi<{ authors: Saved[] }>(`/api/articles/${articleId}/authors`, "PUT", payload);
    setBusy(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error.message });
    const others = result.value.authors.filter((entry) => entry.userId !== leadId);
    setRows(others.map((entry) => ({ who: entry.userId, percent: String(entry.percent) })));
    setNames(others.map((entry) => entry.name));
    setMessage({ ok: true, text: others.length ? "Shares saved." : "Saved: you are the only author." });
  };

  return (
    <section className="co-authors" aria-labelledby="co-authors-heading" data-testid="co-authors">
      <h2 id="co-authors-heading">Co-authors and shares</h2>
      <p className="muted">Sales and the authors&apos; part of upvotes are split by these shares (whole percents, 100 in all). You take any rounding remainder.</p>
      <label className="field">
        <span>Your share (%)</span>
        <input type="number" min={1} max={100} step={1} value={leadPercent} onChange={(event) => setLeadPercent(event.target.value)} data-testid="lead-percent" />
      </label>
      {rows.map((row, index) => (
        <div className="row" key={index} data-testid="co-author-row">
          <label className="field">
            <span>Co-author {names[index] ? `(${names[index]})` : ""}: user id, Lightning Address or display name</span>
            <input value={row.who} onChange={update(index, "who")} maxLength={200} data-testid="co-author-who" spellCheck={false} />
          </label>
          <label className="field">
            <span>Share (%)</span>
            <input type="number" min={1} max={100} step={1} value={row.percent} onChange={update(index, "percent")} data-testid="co-author-percent" />
          </label>
          <button type="button" className="button secondary" onClick={() => (setRows(rows.filter((_, at) => at !== index)), setNames(names.filter((_, at) => at !== index)))}>
            Remove
          </button>
        </div>
      ))}
      <p className={total === 100 ? "muted" : "field-error"} data-testid="shares-total">
        Total: {total}%{total === 100 ? "" : " (must be 100%)"}
      </p>
      <div className="row">
        <button type="button" className="button secondary" disabled={busy || disabled} onClick={() => setRows([...rows, { who: "", percent: "" }])} data-testid="add-co-author">
          Add co-author
        </button>
        <button type="button" className="button" disabled={busy || disabled} onClick={save} data-testid="save-shares">
          Save shares
        </button>
      </div>
      {message && (
        <p className={message.ok ? "state paid" : "field-error"} role={message.ok ? "status" : "alert"} data-testid="shares-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
