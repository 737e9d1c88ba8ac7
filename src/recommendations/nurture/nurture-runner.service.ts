import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NurtureTrack } from '../entities/nurture-track.entity';
import { BusinessCalendar } from './business-calendar.util';
import type { NurtureTrackDefinition } from './nurture-definition.util';

export interface AdvanceSummary {
  exited: Record<string, number>;
  stepsIssued: number;
  /** Steps due but over a frequency cap: moved to the next business day, never dropped. */
  queuedByCap: number;
  completed: number;
}

interface DueRow {
  id: string;
  track_id: string;
  account_id: string;
  step_index: number;
  variant: string | null;
  owner_crm_user_id: string | null;
  exit_reason: string | null;
  touches_7d: string | number;
  contact_id: string | null;
  contact_touches_7d: string | number;
}

/**
 * Moves active enrolments along their track: exits first (opt-out, opportunity opened, reply, goal
 * met), then frequency caps across ALL tracks (touches = nurture recommendations of the last 7 days
 * per account and per contact), then the step itself becomes a recommendation for its owner.
 * Holdout enrolments are never touched, so the uplift of a track is measurable against them.
 */
@Injectable()
export class NurtureRunnerService {
  constructor(private readonly dataSource: DataSource) {}

  async advance(today = new Date().toISOString().slice(0, 10)): Promise<AdvanceSummary> {
    const summary: AdvanceSummary = { exited: {}, stepsIssued: 0, queuedByCap: 0, completed: 0 };
    const tracks = await this.dataSource.getRepository(NurtureTrack).find({ where: { status: 'active' } });
    for (const track of tracks) {
      const def = track.definition as unknown as NurtureTrackDefinition;
      const calendar = new BusinessCalendar(def.calendar.country);
      const exits = new Set(def.exits);
      const rows: DueRow[] = await this.dataSource.query(
        `SELECT n.id, n.track_id, n.account_id, n.step_index, n.variant, a.owner_crm_user_id,
                CASE
                  WHEN $3 AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = n.account_id AND c.deleted_at IS NULL AND NOT c.email_opt_out AND NOT c.do_not_contact) THEN 'opt_out'
                  WHEN $4 AND EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = n.account_id AND o.deleted_at IS NULL AND o.crm_created_at >= n.enrolled_at) THEN 'opportunity_opened'
                  WHEN $5 AND EXISTS (SELECT 1 FROM activities x WHERE x.account_id = n.account_id AND x.deleted_at IS NULL AND x.direction = 'inbound' AND x.occurred_at >= n.enrolled_at) THEN 'reply'
                  WHEN $6 AND (sc.score >= $7::real OR sc.tier = $8) THEN 'goal_met'
                END AS exit_reason,
                (SELECT count(*) FROM recommendations r WHERE r.account_id = n.account_id AND r.track_id IS NOT NULL AND r.created_at >= $2::date - 6) AS touches_7d,
                n.contact_id,
                (SELECT count(*) FROM recommendations r WHERE n.contact_id IS NOT NULL AND r.contact_id = n.contact_id AND r.track_id IS NOT NULL AND r.created_at >= $2::date - 6) AS contact_touches_7d
           FROM nurture_enrolments n
           JOIN accounts a ON a.id = n.account_id
           LEFT JOIN account_current_scores cs ON cs.account_id = n.account_id
           LEFT JOIN account_scores sc ON sc.id = cs.score_id
          WHERE n.track_id = $1 AND n.status = 'active' AND NOT n.is_holdout AND n.next_step_at <= ($2::date + 1)
          ORDER BY n.next_step_at, n.id`,
        [track.id, today, exits.has('opt_out'), exits.has('opportunity_opened'), exits.has('reply'), exits.has('goal_met'), def.goal?.minScore ?? 1000, def.goal?.tier ?? '-'],
      );
      const accountTouches = new Map<string, number>();
      for (const row of rows) {
        if (row.exit_reason) {
          await this.dataSource.query(`UPDATE nurture_enrolments SET status = 'exited', exit_reason = $2, exited_at = now(), next_step_at = NULL WHERE id = $1`, [row.id, row.exit_reason]);
          summary.exited[row.exit_reason] = (summary.exited[row.exit_reason] ?? 0) + 1;
          continue;
        }
        const touches = (accountTouches.get(row.account_id) ?? Number(row.touches_7d));
        if (touches >= def.caps.perAccountPerWeek || Number(row.contact_touches_7d) >= def.caps.perContactPerWeek) {
          await this.dataSource.query(`UPDATE nurture_enrolments SET next_step_at = $2::date WHERE id = $1`, [row.id, calendar.addBusinessDays(today, 1)]);
          summary.queuedByCap++;
          continue;
        }
        accountTouches.set(row.account_id, touches + 1);
        const step = def.steps[row.step_index];
        const variant = def.variants.find((v) => v.name === row.variant);
        const content = variant?.contentOverrides?.[String(row.step_index)] ?? step.content;
        await this.dataSource.query(
          `INSERT INTO recommendations (account_id, contact_id, track_id, enrolment_id, action, reason, reason_factors, owner_type, owner_crm_user_id, due_date, expected_impact, rank, status, dedupe_key, external_id)
           VALUES ($1, $2, $3, $4, 'nurture_step', $5, $6::jsonb, $7, $8, $9::date, 2, 1, 'open', $10, $11)
           ON CONFLICT DO NOTHING`,
          [
            row.account_id, row.contact_id, track.id, row.id,
            `${track.name} · ${step.stage} · ${step.channel}${row.variant ? ` (variant ${row.variant})` : ''}: ${content}`,
            JSON.stringify([`nurture.${step.stage}`, `role.${step.role}`]),
            step.owner === 'rep' ? 'rep' : 'marketing', step.owner === 'rep' ? row.owner_crm_user_id : null,
            calendar.addBusinessDays(today, 0), `${row.id}:${row.step_index}`, `rec_${randomUUID().replace(/-/g, '')}`,
          ],
        );
        summary.stepsIssued++;
        const next = row.step_index + 1;
        if (next >= def.steps.length) {
          await this.dataSource.query(`UPDATE nurture_enrolments SET status = 'completed', step_index = $2, next_step_at = NULL WHERE id = $1`, [row.id, next]);
          summary.completed++;
        } else {
          await this.dataSource.query(`UPDATE nurture_enrolments SET step_index = $2, stage = $3, next_step_at = $4::date WHERE id = $1`, [
            row.id, next, def.steps[next].stage, calendar.addBusinessDays(today, def.steps[next].waitBusinessDays),
          ]);
        }
      }
    }
    return summary;
  }
}
