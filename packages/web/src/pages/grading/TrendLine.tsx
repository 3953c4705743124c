/**
 * A small trend line of totals across years, drawn as SVG (a few points do not need the chart library's chunk):
 * each point labelled with its year and value.
 */
const WIDTH = 320;
const HEIGHT = 120;
const PAD = { top: 22, right: 24, bottom: 22, left: 24 };

export function TrendLine({
  points,
  label,
}: {
  points: Array<{ label: string; value: number }>;
  label: string;
}) {
  const values = points.map((p) => p.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const x = (i: number) =>
    points.length === 1 ? WIDTH / 2 : PAD.left + (i * (WIDTH - PAD.left - PAD.right)) / (points.length - 1);
  const y = (v: number) =>
    high === low ? HEIGHT / 2 : PAD.top + ((high - v) * (HEIGHT - PAD.top - PAD.bottom)) / span;
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(p.value)}`).join(" ");
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={label} style={{ display: "block" }}>
      <title>{label}</title>
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - 6} y2={HEIGHT - 6} stroke="#f0f0f0" />
      <path d={path} fill="none" stroke="#1677ff" strokeWidth={2} />
      {points.map((p, i) => (
        <g key={p.label}>
          <circle cx={x(i)} cy={y(p.value)} r={4} fill="#fff" stroke="#1677ff" strokeWidth={2} />
          <text x={x(i)} y={y(p.value) - 9} textAnchor="middle" fontSize={12} fill="rgba(0,0,0,0.75)">
            {p.value.toFixed(2)}
          </text>
          <text x={x(i)} y={HEIGHT - 9} textAnchor="middle" fontSize={11} fill="rgba(0,0,0,0.45)">
            {p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
