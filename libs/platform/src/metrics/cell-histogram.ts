import type { Registry } from 'prom-client';

type Labels = Record<string, string | number>;

/** One label combination of a CellHistogram: observing is a bucket search and three additions. */
export class HistogramCell {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(seconds: number): void {
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    if (i < bounds.length) this.counts[i]++;
    this.sum += seconds;
    this.count++;
  }
}

/**
 * A Prometheus histogram whose label combinations are resolved once into cells (prom-client hashes the labels
 * on every observe, which the lookup's hot path can't afford). Exposed through a prom-client Registry in the
 * same shape as prom-client's own histograms, so scrapes and the cluster aggregator read it alike.
 */
export class CellHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly cells = new Map<string, HistogramCell>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** The cell of a label combination; keep it and observe into it. */
  cell(labels: Labels): HistogramCell {
    const key = this.labelNames.map((n) => String(labels[n])).join('\u0000');
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new HistogramCell(labels, this.bounds)));
    return cell;
  }

  observe(labels: Labels, seconds: number): void {
    this.cell(labels).observe(seconds);
  }

  get() {
    const values: Array<{ labels: Labels; value: number; metricName: string }> = [];
    for (const cell of this.cells.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += cell.counts[i];
        values.push({ labels: { ...cell.labels, le }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { ...cell.labels, le: '+Inf' }, value: cell.count, metricName: `${this.name}_bucket` });
      values.push({ labels: cell.labels, value: cell.sum, metricName: `${this.name}_sum` });
      values.push({ labels: cell.labels, value: cell.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.cells.clear();
  }
}
