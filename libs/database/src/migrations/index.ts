import { InitialSchema1795877557321 } from './1795877557321-InitialSchema';
import { AddSubmittedBy1795879748706 } from './1795879748706-AddSubmittedBy';
import { ReviewPolicy1796160000000 } from './1796160000000-ReviewPolicy';
import { PublicationTimes1796170000000 } from './1796170000000-PublicationTimes';
import { AccountChanges1796180000000 } from './1796180000000-AccountChanges';
import { Reorganizations1796190000000 } from './1796190000000-Reorganizations';
import { SigningKeys1796200000000 } from './1796200000000-SigningKeys';
import { Onboarding1796210000000 } from './1796210000000-Onboarding';
import { UserCredentials1796220000000 } from './1796220000000-UserCredentials';
import { FourEyesBetweenPeople1796230000000 } from './1796230000000-FourEyesBetweenPeople';
import { InvitationRefusedSubmissions1796247000000 } from './1796247000000-InvitationRefusedSubmissions';
import { DocumentsByUploader1796270000000 } from './1796270000000-DocumentsByUploader';
import { LookupPresence1796260000000 } from './1796260000000-LookupPresence';
import { ProtectedNames1796280000000 } from './1796280000000-ProtectedNames';
import { SecondFactorAndSignInThrottle1796250000000 } from './1796250000000-SecondFactorAndSignInThrottle';

/** Every migration, in order. Listed explicitly so that ts-jest, ts-node and the build all find them. */
export const MIGRATIONS = [
  InitialSchema1795877557321,
  AddSubmittedBy1795879748706,
  ReviewPolicy1796160000000,
  PublicationTimes1796170000000,
  AccountChanges1796180000000,
  Reorganizations1796190000000,
  SigningKeys1796200000000,
  Onboarding1796210000000,
  UserCredentials1796220000000,
  FourEyesBetweenPeople1796230000000,
  InvitationRefusedSubmissions1796247000000,
  SecondFactorAndSignInThrottle1796250000000,
  LookupPresence1796260000000,
  DocumentsByUploader1796270000000,
  ProtectedNames1796280000000,
];
