import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ContactConsentView {
  contactId: string;
  /** The merged contact's flags: an opt-out from any CRM holds (see identity-upsert.repository.ts). */
  emailOptOut: boolean;
  doNotCall: boolean;
  doNotContact: boolean;
  /** Whether nurture may target this contact at all: never when opted out, marked do-not-contact or deleted. */
  targetable: boolean;
  deleted: boolean;
  /** Each CRM record merged into the contact, with the flags that CRM reports now. */
  sources: Array<{ provider: string; objectType: string; crmId: string; emailOptOut: boolean | null; doNotCall: boolean | null; deleted: boolean }>;
  /** Every change a CRM reported, newest first (at most `limit`). */
  history: Array<{ channel: string; status: string; field: string; oldValue: boolean | null; newValue: boolean; source: string; connectionId: string; crmId: string; occurredAt: string }>;
}

/**
 * One contact's consent as the CRMs reported it: current flags per source and the history from consent_events.
 * Answers "why is this person excluded?" (or why not) without a database query.
 */
@Injectable()
export class ContactConsentService {
  constructor(private readonly dataSource: DataSource) {}

  async consent(contactId: string, limit = 200): Promise<ContactConsentView> {
    const [contact] = (await this.dataSource.query(
      `SELECT id, email_opt_out, do_not_call, do_not_contact, deleted_at IS NOT NULL AS deleted FROM contacts WHERE id = $1`,
      [contactId],
    )) as Array<{ id: string; email_opt_out: boolean; do_not_call: boolean; do_not_contact: boolean; deleted: boolean }>;
    if (!contact) throw new NotFoundException(`contact ${contactId} not found`);
    const sources = (await this.dataSource.query(
      `SELECT provider, object_type, crm_id, (fields->>'emailOptOut')::boolean AS email_opt_out, (fields->>'doNotCall')::boolean AS do_not_call,
              deleted_at IS NOT NULL AS deleted
       FROM contact_sources WHERE contact_id = $1 ORDER BY provider, crm_id`,
      [contactId],
    )) as Array<{ provider: string; object_type: string; crm_id: string; email_opt_out: boolean | null; do_not_call: boolean | null; deleted: boolean }>;
    const history = (await this.dataSource.query(
      `SELECT channel, status, field, old_value, new_value, source, connection_id, crm_id, occurred_at
       FROM consent_events WHERE contact_id = $1 ORDER BY occurred_at DESC, field LIMIT $2`,
      [contactId, limit],
    )) as Array<{ channel: string; status: string; field: string; old_value: boolean | null; new_value: boolean; source: string; connection_id: string; crm_id: string; occurred_at: Date }>;
    return {
      contactId: contact.id,
      emailOptOut: contact.email_opt_out,
      doNotCall: contact.do_not_call,
      doNotContact: contact.do_not_contact,
      targetable: !(contact.email_opt_out || contact.do_not_contact || contact.deleted),
      deleted: contact.deleted,
      sources: sources.map((s) => ({ provider: s.provider, objectType: s.object_type, crmId: s.crm_id, emailOptOut: s.email_opt_out, doNotCall: s.do_not_call, deleted: s.deleted })),
      history: history.map((h) => ({
        channel: h.channel, status: h.status, field: h.field, oldValue: h.old_value, newValue: h.new_value, source: h.source,
        connectionId: h.connection_id, crmId: h.crm_id, occurredAt: new Date(h.occurred_at).toISOString(),
      })),
    };
  }
}
