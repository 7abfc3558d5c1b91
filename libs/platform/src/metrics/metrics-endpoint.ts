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
  private listener?: MetricsListener;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** Starts the listener once; where it listens (the bound port when METRICS_PORT is 0). */
  async listen(): Promise<MetricsListener> {
    this.listener ??= await listenMetrics(
      { host: this.config.METRICS_HOST, port: this.config.METRICS_PORT, token: this.config.METRICS_TOKEN },
      () => this.metrics.scrape(),
      (err) => this.logger.error(`Scrape failed: ${err.message}`),
    );
    return this.listener;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    this.listener = undefined;
  }
}
