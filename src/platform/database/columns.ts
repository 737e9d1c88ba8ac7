import { Column, ColumnOptions } from 'typeorm';

/** Timestamps are always `timestamptz`: CRM stamps arrive in UTC and reps read them in their own zone. */
export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: 'timestamptz', ...options });

/** Values the CRM sent that we keep as-is (custom fields, raw picklists): queryable with jsonb operators. */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'jsonb', ...options });

export type CrmProvider = 'salesforce' | 'hubspot';
export const CRM_PROVIDERS: CrmProvider[] = ['salesforce', 'hubspot'];
