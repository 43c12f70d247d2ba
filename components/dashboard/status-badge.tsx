const LABELS: Record<string, string> = { draft: "Draft", visible: "Published", deleted_by_admin: "Removed by admins" };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {LABELS[status] ?? status}
    </span>
  );
}
