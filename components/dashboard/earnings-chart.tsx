import { formatSats } from "@/components/sats";

type Day = { day: string; sats: number };

const WIDTH = 600;
const HEIGHT = 160;
const AXIS = 20;

/**
 * Sats earned per day as a server-rendered SVG bar chart: no script, no chart library. Each bar
 * carries a <title> (a tooltip, read by screen readers), and the figures are repeated in a
 * table under a <details> for anyone who cannot see the chart.
 */
export function EarningsChart({ days }: { days: Day[] }) {
  const max = Math.max(1, ...days.map((day) => day.sats));
  const slot = WIDTH / days.length;
  const total = days.reduce((sum, day) => sum + day.sats, 0);
  const caption = `Sats earned per day, last ${days.length} days: ${formatSats(total)} in total`;
  return (
    <figure className="chart" data-testid="earnings-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} role="img" aria-label={caption}>
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="chart-axis" />
        {days.map((day, index) => {
          const height = day.sats === 0 ? 0 : Math.max(2, (day.sats / max) * (HEIGHT - 10));
          return (
            <rect key={day.day} className="chart-bar" x={index * slot + 2} y={HEIGHT - height} width={slot - 4} height={height} data-day={day.day} data-sats={day.sats}>
              <title>{`${day.day}: ${formatSats(day.sats)}`}</title>
            </rect>
          );
        })}
        <text x={0} y={HEIGHT + AXIS - 4} className="chart-label">
          {days[0]?.day}
        </text>
        <text x={WIDTH} y={HEIGHT + AXIS - 4} className="chart-label" textAnchor="end">
          {days.at(-1)?.day}
        </text>
      </svg>
      <figcaption>{caption}</figcaption>
      <details>
        <summary>Figures by day</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Sats earned</th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((day) => day.sats > 0)
              .map((day) => (
                <tr key={day.day}>
                  <td>{day.day}</td>
                  <td>{day.sats.toLocaleString("en-US")}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
