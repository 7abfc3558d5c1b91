import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { listenMetrics, MetricsListener } from './metrics-server';
import { Metrics } from './metrics.service';

/**
 * A service's metrics listener (METRICS_HOST, METRICS_PORT, METRICS_TOKEN), closed with its app. It listens only
 * when asked: main.ts asks, after the public port; tools and tests that build the app without it open no port.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private listening?: Promise<MetricsListener>;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** Starts the listener once (a second call gets the same one); where it listens, the bound port for METRICS_PORT=0. */
  listen(): Promise<MetricsListener> {
    this.listening ??= listenMetrics(
      { host: this.config.METRICS_HOST, port: this.config.METRICS_PORT, token: this.config.METRICS_TOKEN },
      () => this.metrics.scrape(),
      (err) => this.logger.error(`Scrape failed: ${err.message}`),
    );
    return this.listening;
  }

  async onApplicationShutdown(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    const listener = await listening?.catch(() => undefined); // one that never started has nothing to close
    await listener?.close();
  }
}
