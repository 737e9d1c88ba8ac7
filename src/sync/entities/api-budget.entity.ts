import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../platform/database/columns';

/**
 * A token bucket per CRM account and limit policy, shared by every worker through the database
 * (row lock per take), so N workers together stay under ~90% of the CRM's published limit.
 */
@Entity('api_rate_buckets')
export class ApiRateBucket {
  /** e.g. "hubspot:12345:ten_secondly", "hubspot:12345:search", "salesforce:00Dxx:daily" */
  @PrimaryColumn({ type: 'varchar', length: 160 }) key!: string;
  @Column({ type: 'double precision' }) tokens!: number;
  @Column({ type: 'double precision' }) capacity!: number;
  @Column({ type: 'double precision' }) refillPerSecond!: number;
  @TimestampColumn() refilledAt!: Date;
  /** Set from Retry-After / daily exhaustion: nobody calls before this. */
  @TimestampColumn({ nullable: true }) blockedUntil!: Date | null;
}

/** API calls spent per connection, day and endpoint kind: the admin's budget view. */
@Entity('api_usage_daily')
export class ApiUsageDaily {
  @PrimaryColumn({ type: 'uuid' }) connectionId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'varchar', length: 80 }) endpoint!: string;
  @Column({ type: 'integer', default: 0 }) calls!: number;
  /** Last `Sforce-Limit-Info` / X-HubSpot-RateLimit-Daily reading. */
  @Column({ type: 'integer', nullable: true }) crmUsed!: number | null;
  @Column({ type: 'integer', nullable: true }) crmMax!: number | null;
}
