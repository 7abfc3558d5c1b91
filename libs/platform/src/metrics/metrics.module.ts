import { Global, Module } from '@nestjs/common';
import { MetricsEndpoint } from './metrics-endpoint';
import { Metrics } from './metrics.service';

// No controller: /metrics is served by MetricsEndpoint on a listener of its own, never on the public port.
@Global()
@Module({ providers: [Metrics, MetricsEndpoint], exports: [Metrics, MetricsEndpoint] })
export class MetricsModule {}
