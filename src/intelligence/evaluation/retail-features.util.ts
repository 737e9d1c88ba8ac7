import type { RetailCustomer } from './retail-history.util';

const DAY = 86_400_000;

export const RETAIL_FEATURES = [
  'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_basket_value', 'lines_per_invoice',
  'cancellations', 'cancelled_value_share', 'distinct_products', 'invoices_last_30d', 'invoices_last_90d',
  'monetary_last_90d', 'invoices_prev_90d', 'mean_gap_days', 'recency_over_mean_gap', 'uk', 'avg_unit_price',
  'active_months', 'invoices_last_180d', 'invoices_same_window_last_year', 'seasonal_lines', 'seasonal_line_share',
  'avg_quantity_per_line', 'active_weeks_last_90d',
] as const;

/** Heavy-tailed counts and money: our model reads them on a log scale, baselines raw. */
const LOGGED = new Set<string>([
  'frequency', 'monetary', 'avg_basket_value', 'lines_per_invoice', 'cancellations', 'distinct_products',
  'monetary_last_90d', 'avg_unit_price', 'recency_days', 'mean_gap_days', 'recency_over_mean_gap', 'seasonal_lines',
  'avg_quantity_per_line',
]);

export const RETAIL_ENGINEERED_FEATURES = [
  ...RETAIL_FEATURES.map((n) => (LOGGED.has(n) ? `log_${n}` : n)),
  'trend_90d', 'expected_purchases_gap', 'alive_probability', 'expected_purchases_100d',
  'gap_variation', 'log_monetary_trend_90d', 'buy_in_window_probability', 'invoices_same_season_last_year',
];

export interface RetailSnapshot {
  raw: number[];
  engineered: number[];
  label: number;
}

/**
 * One customer as seen at `cutoff`: features from invoices strictly before it, label = a
 * non-cancelled invoice in [cutoff, outcomeEnd). Undefined when the customer had not bought yet.
 */
export function retailSnapshot(customer: RetailCustomer, cutoff: number, outcomeEnd: number): RetailSnapshot | undefined {
  const history = customer.invoices.filter((i) => i.time < cutoff);
  const purchases = history.filter((i) => !i.cancelled);
  if (purchases.length === 0) return undefined;
  const cancels = history.filter((i) => i.cancelled);
  const first = purchases[0].time;
  const last = purchases[purchases.length - 1].time;
  const monetary = purchases.reduce((s, i) => s + i.value, 0);
  const lines = purchases.reduce((s, i) => s + i.lines, 0);
  const within = (from: number, to: number) => purchases.filter((i) => i.time >= cutoff - to * DAY && i.time < cutoff - from * DAY);
  const gaps = purchases.slice(1).map((p, k) => (p.time - purchases[k].time) / DAY);
  const meanGap = gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : (cutoff - first) / DAY;
  const recency = (cutoff - last) / DAY;
  const products = new Set<string>();
  for (const p of purchases) for (const code of p.products) products.add(code);
  const seasonal = purchases.reduce((s, i) => s + i.seasonalLines, 0);
  const raw = [
    recency,
    purchases.length,
    monetary,
    (cutoff - first) / DAY,
    monetary / purchases.length,
    lines / purchases.length,
    cancels.length,
    Math.abs(cancels.reduce((s, i) => s + i.value, 0)) / Math.max(monetary, 1),
    products.size,
    within(0, 30).length,
    within(0, 90).length,
    within(0, 90).reduce((s, i) => s + i.value, 0),
    within(90, 180).length,
    meanGap,
    recency / Math.max(meanGap, 1),
    customer.uk ? 1 : 0,
    purchases.reduce((s, i) => s + i.priceSum, 0) / Math.max(lines, 1),
    new Set(purchases.map((i) => new Date(i.time).toISOString().slice(0, 7))).size,
    within(0, 180).length,
    // Giftware is seasonal: buying in the same calendar window a year earlier predicts buying again now.
    purchases.filter((i) => i.time >= cutoff - 365 * DAY && i.time < outcomeEnd - 365 * DAY).length,
    seasonal,
    seasonal / Math.max(lines, 1),
    purchases.reduce((s, i) => s + i.quantity, 0) / Math.max(lines, 1),
    new Set(within(0, 90).map((i) => Math.floor((cutoff - i.time) / (7 * DAY)))).size,
  ];
  const base = raw.map((v, j) => (LOGGED.has(RETAIL_FEATURES[j]) ? Math.sign(v) * Math.log1p(Math.abs(v)) : v));
  // A Poisson-process reading of the history (the idea behind Pareto/NBD, Schmittlein et al. 1987):
  // purchase rate = frequency / tenure; P(no purchase for `recency` days | still active) = e^(−rate·recency).
  const rate = raw[1] / Math.max(raw[3], 7);
  const alive = Math.exp(-rate * raw[0]);
  // Regular buyers (low spread of gaps) come back on schedule; erratic ones are harder to call.
  const gapSd = gaps.length > 1 ? Math.sqrt(gaps.reduce((s, g) => s + (g - meanGap) ** 2, 0) / gaps.length) : meanGap;
  const previousValue = within(90, 180).reduce((s, i) => s + i.value, 0);
  const windowDays = (outcomeEnd - cutoff) / DAY;
  const engineered = [
    ...base, (raw[10] + 1) / (raw[12] + 1), raw[0] - raw[13], alive, rate * 100 * alive,
    gapSd / Math.max(meanGap, 1),
    Math.log1p(Math.max(raw[11], 0)) - Math.log1p(Math.max(previousValue, 0)),
    // Still active and buying at its own rate: the chance of at least one order within the outcome window.
    alive * (1 - Math.exp(-rate * windowDays)),
    // Seasons are not day-exact: the same window a year earlier, widened by a month on each side.
    purchases.filter((i) => i.time >= cutoff - 395 * DAY && i.time < outcomeEnd - 335 * DAY).length,
  ];
  const label = customer.invoices.some((i) => !i.cancelled && i.time >= cutoff && i.time < outcomeEnd) ? 1 : 0;
  return { raw, engineered, label };
}
