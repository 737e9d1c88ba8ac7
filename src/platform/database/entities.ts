import { AccountContactRole } from '../../account-graph/entities/account-contact-role.entity';
import { AccountSource } from '../../account-graph/entities/account-source.entity';
import { Account } from '../../account-graph/entities/account.entity';
import { Activity } from '../../account-graph/entities/activity.entity';
import { ConsentEvent } from '../../account-graph/entities/consent-event.entity';
import { ContactSource } from '../../account-graph/entities/contact-source.entity';
import { Contact } from '../../account-graph/entities/contact.entity';
import { LicenseRecord } from '../../account-graph/entities/license-record.entity';
import { OpportunityContactRole } from '../../account-graph/entities/opportunity-contact-role.entity';
import { Opportunity } from '../../account-graph/entities/opportunity.entity';
import { AccountCurrentScore } from '../../intelligence/entities/account-current-score.entity';
import { AccountScore } from '../../intelligence/entities/account-score.entity';
import { CommitteeMembership } from '../../intelligence/entities/committee-membership.entity';
import { ScoreConfig } from '../../intelligence/entities/score-config.entity';
import { ScoringRun } from '../../intelligence/entities/scoring-run.entity';
import { NurtureEnrolment } from '../../recommendations/entities/nurture-enrolment.entity';
import { NurtureTrack } from '../../recommendations/entities/nurture-track.entity';
import { Recommendation } from '../../recommendations/entities/recommendation.entity';
import { ApiRateBucket, ApiUsageDaily } from '../../sync/entities/api-budget.entity';
import { CrmConnection } from '../../sync/entities/crm-connection.entity';
import { QuarantinedRecord } from '../../sync/entities/quarantined-record.entity';
import { SyncCursor } from '../../sync/entities/sync-cursor.entity';
import { SyncRun } from '../../sync/entities/sync-run.entity';
import { WriteBackLedgerEntry } from '../../write-back/entities/write-back-ledger.entity';
import { WriteBackRun } from '../../write-back/entities/write-back-run.entity';
import { AuditLogEntry } from '../audit/audit-log.entity';
import { ApiToken } from '../auth/api-token.entity';

/** Every entity of the product, in the data's path: sync → account graph → intelligence → recommendations → write-back. */
export const ALL_ENTITIES = [
  CrmConnection, SyncRun, SyncCursor, QuarantinedRecord, ApiRateBucket, ApiUsageDaily,
  Account, AccountSource, Contact, ContactSource, ConsentEvent, AccountContactRole, LicenseRecord, Opportunity,
  OpportunityContactRole, Activity,
  ScoreConfig, ScoringRun, AccountScore, AccountCurrentScore, CommitteeMembership,
  NurtureTrack, NurtureEnrolment, Recommendation,
  WriteBackRun, WriteBackLedgerEntry,
  ApiToken, AuditLogEntry,
];
