import { BulkIngestJobs } from './bulk-ingest-jobs.service';
import { BulkQueryJobs } from './bulk-query-jobs.service';

/** Both kinds of Bulk API 2.0 jobs, stopped together when the sandbox stops. */
export class BulkJobs {
  constructor(readonly query: BulkQueryJobs, readonly ingest: BulkIngestJobs) {}

  stop(): void {
    this.query.stop();
    this.ingest.stop();
  }
}
