// What the dashboard and the report show alike: values in their unit, the top of a chart's scale, sizes.
// (Both pages have this file written into them where they say VALUES: each is one self-contained page.)
function format(kind, value, digits) {
  if (value === null || value === undefined) return "n/a";
  if (kind === "percent") return value.toFixed(digits ?? 1) + "%";
  if (kind === "load") return value.toFixed(2);
  if (kind === "count") return value.toFixed(0);
  if (kind === "celsius") return value.toFixed(digits ?? 1) + " °C";
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
  return (i === 0 ? value.toFixed(0) : value.toFixed(digits ?? 1)) + " " + units[i] + "/s";
}

// The top of the scale: 100 for a percentage; otherwise a round number at or above every value and threshold,
// from zero, so a load going from 0.91 to 0.93 draws as the flat line it is.
function ceiling(metric, values) {
  // A percentage tops at 100, unless it goes beyond (a named process's CPU over several cores: proc:java.cpu).
  if (metric.kind === "percent" && Math.max(0, ...values) <= 100) return 100;
  const plain = metric.kind === "load" || metric.kind === "celsius" || metric.kind === "percent" || metric.kind === "count";
  const most = Math.max(...values, ...(metric.thresholds || []).map(t => t.value), metric.kind === "celsius" ? 100 : plain ? 1 : 1024);
  // A rate is round in the unit it is shown in (8 MiB/s, not 10,000,000 B/s).
  const unit = plain ? 1 : Math.pow(1024, Math.min(3, Math.floor(Math.log(most) / Math.log(1024))));
  const power = Math.pow(10, Math.floor(Math.log10(most / unit)));
  return unit * [1, 2, 5, 10].map(step => step * power).find(candidate => candidate >= most / unit);
}

function size(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
  return (i === 0 ? bytes.toFixed(0) : bytes.toFixed(1)) + " " + units[i];
}
