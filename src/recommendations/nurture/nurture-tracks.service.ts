import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NurtureTrack } from '../entities/nurture-track.entity';
import { assignArm, validateNurtureDefinition, type NurtureTrackDefinition } from './nurture-definition.util';
import { BusinessCalendar } from './business-calendar.util';

/** Marketer-configured tracks; enrolment picks entrants set-based and splits them into variants and holdout. */
@Injectable()
export class NurtureTracksService {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(NurtureTrack);
  }

  private check(definition: unknown): NurtureTrackDefinition {
    const errors = validateNurtureDefinition(definition);
    if (errors.length > 0) throw new BadRequestException(errors);
    return definition as NurtureTrackDefinition;
  }

  list(): Promise<NurtureTrack[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<NurtureTrack> {
    const track = await this.repo.findOne({ where: { id } });
    if (!track) throw new NotFoundException(`No nurture track ${id}`);
    return track;
  }

  async create(input: { name: string; status?: NurtureTrack['status']; definition: unknown }, createdBy: string | null): Promise<NurtureTrack> {
    const definition = this.check(input.definition);
    if (await this.repo.findOne({ where: { name: input.name } })) throw new BadRequestException([`name: a track named ${input.name} exists`]);
    return this.repo.save(this.repo.create({ name: input.name, status: input.status ?? 'draft', definition: definition as unknown as Record<string, unknown>, createdBy, version: 1 }));
  }

  /** A changed definition is a new version; enrolments keep their place (step index) in it. */
  async update(id: string, input: { status?: NurtureTrack['status']; definition?: unknown }): Promise<NurtureTrack> {
    const track = await this.get(id);
    if (input.definition !== undefined) {
      track.definition = this.check(input.definition) as unknown as Record<string, unknown>;
      track.version += 1;
    }
    if (input.status) track.status = input.status;
    return this.repo.save(track);
  }

  /**
   * Enrols every live account matching the entry criteria that is not in the track yet. Variant and
   * holdout come from a hash of (track, account), so they are stable across runs and processes.
   */
  async enrol(trackId: string, today = new Date().toISOString().slice(0, 10)): Promise<{ enrolled: number; holdout: number }> {
    const track = await this.get(trackId);
    if (track.status !== 'active') return { enrolled: 0, holdout: 0 };
    const def = track.definition as unknown as NurtureTrackDefinition;
    const e = def.entry;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT a.id FROM accounts a
         JOIN account_current_scores cs ON cs.account_id = a.id
         JOIN account_scores sc ON sc.id = cs.score_id
        WHERE a.deleted_at IS NULL
          AND ($2::jsonb IS NULL OR sc.tier IN (SELECT jsonb_array_elements_text($2::jsonb)))
          AND ($3::real IS NULL OR abs(coalesce(sc.delta, 0)) >= $3::real)
          AND ($4::jsonb IS NULL OR a.lifecycle_stage IN (SELECT jsonb_array_elements_text($4::jsonb)))
          AND ($5::int IS NULL OR EXISTS (SELECT 1 FROM license_records l WHERE l.account_id = a.id AND l.deleted_at IS NULL
                 AND l.end_date BETWEEN $7::date AND $7::date + $5::int))
          AND ($6::jsonb IS NULL OR EXISTS (SELECT 1 FROM license_records l WHERE l.account_id = a.id AND l.deleted_at IS NULL
                 AND l.status IN (SELECT jsonb_array_elements_text($6::jsonb))))
          AND ($8::jsonb IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements_text($8::jsonb) r(role)
                 WHERE NOT EXISTS (SELECT 1 FROM committee_memberships cm WHERE cm.account_id = a.id AND cm.role = r.role)))
          AND NOT EXISTS (SELECT 1 FROM nurture_enrolments n WHERE n.track_id = $1 AND n.account_id = a.id)`,
      [
        trackId,
        e.tiers ? JSON.stringify(e.tiers) : null,
        e.minScoreChange ?? null,
        e.lifecycleStages ? JSON.stringify(e.lifecycleStages) : null,
        e.renewalWindowDays ?? null,
        e.licenseStates ? JSON.stringify(e.licenseStates) : null,
        today,
        e.missingRoles ? JSON.stringify(e.missingRoles) : null,
      ],
    );
    const calendar = new BusinessCalendar(def.calendar.country);
    const firstAt = calendar.addBusinessDays(today, def.steps[0].waitBusinessDays);
    const entrants = rows.map((r) => {
      const bucket = createHash('sha256').update(`${trackId}:${r.id}`).digest().readUInt32BE(0);
      const arm = assignArm(def, bucket);
      return { account_id: r.id, variant: arm.variant, is_holdout: arm.holdout };
    });
    for (let i = 0; i < entrants.length; i += 5000) {
      await this.dataSource.query(
        `INSERT INTO nurture_enrolments (track_id, account_id, contact_id, variant, is_holdout, stage, step_index, status, enrolled_at, next_step_at)
         SELECT $1, x.account_id, NULL, x.variant, x.is_holdout, $2, 0, CASE WHEN x.is_holdout THEN 'waiting' ELSE 'active' END, now(),
                CASE WHEN x.is_holdout THEN NULL ELSE $3::date END
           FROM jsonb_to_recordset($4::jsonb) AS x(account_id uuid, variant varchar, is_holdout boolean)
         ON CONFLICT DO NOTHING`,
        [trackId, def.steps[0].stage, firstAt, JSON.stringify(entrants.slice(i, i + 5000))],
      );
    }
    return { enrolled: entrants.length, holdout: entrants.filter((x) => x.is_holdout).length };
  }
}
