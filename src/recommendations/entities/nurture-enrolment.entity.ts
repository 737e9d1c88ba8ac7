import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TimestampColumn } from '../../platform/database/columns';

/** An account (or one contact of it) moving through a track; holdouts are enrolled but never contacted. */
@Entity('nurture_enrolments')
@Index(['trackId', 'accountId', 'contactId'], { unique: true })
export class NurtureEnrolment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) trackId!: string;
  @Index() @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) variant!: string | null;
  @Column({ type: 'boolean', default: false }) isHoldout!: boolean;
  @Column({ type: 'varchar', length: 30 }) stage!: string;
  @Column({ type: 'integer', default: 0 }) stepIndex!: number;
  @Column({ type: 'varchar', length: 20, default: 'active' }) status!: 'active' | 'waiting' | 'exited' | 'completed';
  @TimestampColumn() enrolledAt!: Date;
  @TimestampColumn({ nullable: true }) nextStepAt!: Date | null;
  @TimestampColumn({ nullable: true }) exitedAt!: Date | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) exitReason!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
