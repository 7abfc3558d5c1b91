import { AccountControl, RegistryBootstrap } from './account-control.entity';
import { AuditEvent } from './audit-event.entity';
import { Brandname } from './brandname.entity';
import { CallerNumber } from './caller-number.entity';
import { Carrier } from './carrier.entity';
import { CarrierApiKey } from './carrier-api-key.entity';
import { Application, Invitation, NumberHolding, StoredDocument } from './onboarding.entity';
import { Organization } from './organization.entity';
import { ProtectedNameProposal, ProtectedNameRow, PublishedProtectedNameRow } from './protected-name.entity';
import { PublishedNumber, RegistryChange, RegistryState } from './registry-change.entity';
import { Reorganization } from './reorganization.entity';
import { Revision } from './revision.entity';
import { BrandedAnswerCount, CarrierSyncPosition } from './rollout.entity';
import { SigningKey, SnapshotSignature } from './signing-key.entity';
import { SecondFactor, SignInThrottle } from './second-factor.entity';
import { User } from './user.entity';

export {
  AccountControl,
  RegistryBootstrap,
  Application,
  Invitation,
  NumberHolding,
  StoredDocument,
  AuditEvent,
  BrandedAnswerCount,
  CarrierSyncPosition,
  Reorganization,
  Brandname,
  CallerNumber,
  Carrier,
  CarrierApiKey,
  Organization,
  ProtectedNameProposal,
  ProtectedNameRow,
  PublishedProtectedNameRow,
  PublishedNumber,
  RegistryChange,
  RegistryState,
  Revision,
  SigningKey,
  SnapshotSignature,
  User,
  SecondFactor,
  SignInThrottle,
};
export type { ApplicantContact } from './onboarding.entity';
export type { RevisionEntityType, RevisionKind, RevisionStatus } from './revision.entity';

export const ENTITIES = [
  Organization,
  Brandname,
  CallerNumber,
  Carrier,
  CarrierApiKey,
  User,
  AuditEvent,
  RegistryChange,
  PublishedNumber,
  RegistryState,
  Revision,
  Reorganization,
  BrandedAnswerCount,
  CarrierSyncPosition,
  SigningKey,
  SnapshotSignature,
  Invitation,
  Application,
  StoredDocument,
  NumberHolding,
  AccountControl,
  RegistryBootstrap,
  SecondFactor,
  SignInThrottle,
  ProtectedNameRow,
  ProtectedNameProposal,
  PublishedProtectedNameRow,
];
