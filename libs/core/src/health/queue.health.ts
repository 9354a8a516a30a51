import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobQueue } from '../jobs/job-queue';

@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly queue: JobQueue,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await this.queue.ping();
      return indicator.up();
    } catch {
      return indicator.down({ message: 'job queue unreachable' });
    }
  }
}
