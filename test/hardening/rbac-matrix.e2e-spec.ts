import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import {
  expectErrorShape,
  expressRoutes,
  fastifyRoutes,
  lookupApp,
  signToken,
  tamperToken,
  TEST_JWT_SECRET,
  unsignedToken,
  withEnv,
} from './hardening-support';
import { within } from '../support/wait';

/**
 * Every endpoint of both services × every kind of caller, each cell written down below. The endpoints are
 * read from the apps' own routers, and the test fails unless the table lists exactly those: a new endpoint
 * needs a row (and so a decision about who may call it) before it can ship.
 *
 * Cells: 'ok' = the caller got past authentication and authorization (any status but 401/403, never a 5xx:
 * the action's own 400/404/409 are fine); 401 / 403 = exactly that status with the JSON error shape.
 * Tokens are minted with a known JWT_SECRET, so no logins are spent (the login throttle stays out of the way).
 */

const O = 'ok' as const;
type Cell = typeof O | 401 | 403;

const CALLERS = [
  'anonymous', // no credentials at all
  'expired', // a regulator's token past its exp
  'forged', // a regulator's token signed with another secret
  'tampered', // another org's admin's token with sub changed to the regulator, old signature
  'unsigned', // alg "none"
  'regulator',
  'ownerAdmin', // agency admin of the organization the path names
  'otherAdmin', // agency admin of another organization
  'auditor',
  'carrierKey', // a live carrier key in X-Api-Key
  'revokedKey', // a revoked carrier key in X-Api-Key
  'keyAsBearer', // a live carrier key as a bearer token
  'jwtAsApiKey', // a regulator's token in X-Api-Key
  'enrolling', // a regulator that must enrol a second factor first: its token reaches only the enrolment routes
] as const;
type Caller = (typeof CALLERS)[number];

// prettier-ignore
//                                                          anon exp  forg tamp none reg  own  oth  aud  key  rkey kBea jwtK enrl
const REGISTRY: Record<string, Cell[]> = {
  'POST /v1/auth/login':                                  [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /v1/auth/me':                                      [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, O  ],
  'GET /v1/audit-events':                                 [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'GET /v1/audit-events/verify':                          [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'GET /v1/audit-events/export':                          [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'POST /v1/auth/change-password':                        [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, 403],
  'POST /v1/auth/totp/enroll':                            [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, O  ],
  'POST /v1/auth/totp/confirm':                           [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, O  ],
  // Public: the two halves of the enrollment code in the body are the credential.
  'POST /v1/auth/enroll':                                 [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  // Agency admins manage the agency admins of their own organization: another organization's is 403 (create) or 404.
  'POST /v1/users':                                       [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'GET /v1/users':                                        [401, 401, 401, 401, 401, O,   O,   O,   403, 401, 401, 401, 401, 403],
  'PATCH /v1/users/:id':                                  [401, 401, 401, 401, 401, O,   O,   O,   403, 401, 401, 401, 401, 403],
  'POST /v1/users/:id/reset-password':                    [401, 401, 401, 401, 401, O,   O,   O,   403, 401, 401, 401, 401, 403],
  'POST /v1/users/:id/approve':                           [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/users/:id/reject':                            [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/users/second-factors':                         [401, 401, 401, 401, 401, O,   O,   O,   403, 401, 401, 401, 401, 403],
  'POST /v1/users/:id/second-factor/reset':               [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/users/:id/second-factor/reset/approve':       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/users/:id/second-factor/reset/reject':        [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations':                               [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/organizations':                                [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, 403],
  'GET /v1/organizations/:id':                            [401, 401, 401, 401, 401, O,   O,   403, O,   401, 401, 401, 401, 403],
  'PATCH /v1/organizations/:id':                          [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/brandnames':                [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'GET /v1/organizations/:id/brandnames':                 [401, 401, 401, 401, 401, O,   O,   403, O,   401, 401, 401, 401, 403],
  'GET /v1/brandnames/:id':                               [401, 401, 401, 401, 401, O,   O,   403, O,   401, 401, 401, 401, 403],
  'PATCH /v1/brandnames/:id':                             [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/numbers':                   [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'GET /v1/organizations/:id/numbers':                    [401, 401, 401, 401, 401, O,   O,   403, O,   401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/numbers/import':            [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'GET /v1/numbers':                                      [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, 403],
  'GET /v1/numbers/:id':                                  [401, 401, 401, 401, 401, O,   O,   403, O,   401, 401, 401, 401, 403],
  'PATCH /v1/numbers/:id':                                [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/approve':                   [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/reject':                    [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // An agency admin's emergency stop covers its brandnames and numbers, never the organization itself.
  'POST /v1/organizations/:id/suspend':                   [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/reinstate':                 [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // Lifting a suspension is decided by regulators only: never by an agency admin, even of its own organization.
  'POST /v1/organizations/:id/reinstate/approve':         [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/reinstate/reject':          [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/revoke':                    [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/revision/approve':          [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/organizations/:id/revision/reject':           [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/approve':                      [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/reject':                       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // An agency admin's emergency stop: its own organization's items only (the domain's review-actors table).
  'POST /v1/brandnames/:id/suspend':                      [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/reinstate':                    [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // Lifting a suspension is decided by regulators only: never by an agency admin, even of its own organization.
  'POST /v1/brandnames/:id/reinstate/approve':            [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/reinstate/reject':             [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/revoke':                       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/revision/approve':             [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/brandnames/:id/revision/reject':              [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/approve':                         [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/reject':                          [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // An agency admin's emergency stop: its own organization's items only (the domain's review-actors table).
  'POST /v1/numbers/:id/suspend':                         [401, 401, 401, 401, 401, O,   O,   403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/reinstate':                       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // Lifting a suspension is decided by regulators only: never by an agency admin, even of its own organization.
  'POST /v1/numbers/:id/reinstate/approve':               [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/reinstate/reject':                [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/revoke':                          [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/revision/approve':                [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/numbers/:id/revision/reject':                 [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/organizations/:id/rollout':                    [401, 401, 401, 401, 401, O,   O,   403, O,   401, 401, 401, 401, 403],
  'GET /v1/reviews/pending':                              [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/reviews/approve':                             [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // The protected-name list: read by regulators and auditors, changed by regulators' proposals only.
  'GET /v1/protected-names':                              [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'GET /v1/protected-names/proposals':                    [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'GET /v1/protected-names/proposals/:id':                [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'POST /v1/protected-names/proposals':                   [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/protected-names/proposals/:id/approve':       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/protected-names/proposals/:id/reject':        [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/protected-names/proposals/:id/withdraw':      [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/reorganizations':                             [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/reorganizations':                              [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'GET /v1/reorganizations/:id':                          [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'POST /v1/reorganizations/:id/approve':                 [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'DELETE /v1/reorganizations/:id':                       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/invitations':                                 [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/invitations':                                  [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/invitations/:id/revoke':                      [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // Public: the invitation token in the body is the credential.
  'POST /v1/applications':                                [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /v1/applications':                                 [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, 403],
  // The application is Bộ Công an's: both agency admins here belong to other organizations.
  'GET /v1/applications/:id':                             [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'PATCH /v1/applications/:id':                           [401, 401, 401, 401, 401, 403, 403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/applications/:id/submit':                     [401, 401, 401, 401, 401, 403, 403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/applications/:id/request-changes':            [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/applications/:id/reject':                     [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/applications/:id/approve':                    [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/applications/:id/checklist':                  [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/applications/:id/documents':                  [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/applications/:id/documents/:docId':            [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  // A carrier's key, and only a key: bearer tokens of any role are 401 here.
  'GET /v1/carrier/number-confirmations':                 [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'POST /v1/carrier/number-confirmations/:numberId':      [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'POST /v1/carrier/number-releases/:numberId':           [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'POST /v1/numbers/:id/holding-confirmation':            [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/carriers':                                    [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /v1/carriers':                                     [401, 401, 401, 401, 401, O,   403, 403, O,   401, 401, 401, 401, 403],
  'GET /v1/carriers/directory':                           [401, 401, 401, 401, 401, O,   O,   O,   O,   401, 401, 401, 401, 403],
  'PATCH /v1/carriers/:id':                               [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'POST /v1/carriers/:id/api-keys':                       [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'DELETE /v1/carriers/:id/api-keys/:keyId':              [401, 401, 401, 401, 401, O,   403, 403, 403, 401, 401, 401, 401, 403],
  'GET /health/live':                                     [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /health/ready':                                    [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs':                                            [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/':                                           [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/index.html':                                 [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/LICENSE':                                    [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/swagger-ui-init.js':                         [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/docs/swagger-ui-init.js':                    [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs-json':                                       [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /.well-known/jwks.json':                           [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
};

// prettier-ignore
//                                                          anon exp  forg tamp none reg  own  oth  aud  key  rkey kBea jwtK enrl
const LOOKUP: Record<string, Cell[]> = {
  'POST /v1/lookup/batch':                                [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'GET /v1/lookup/:number':                               [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'GET /v1/sync/snapshot':                                [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'GET /v1/sync/changes':                                 [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'GET /v1/sync/protected-names':                         [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'POST /v1/screen':                                      [401, 401, 401, 401, 401, 401, 401, 401, 401, O,   401, 401, 401, 401],
  'GET /health/live':                                     [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /health/ready':                                    [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs':                                            [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/':                                           [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/index.html':                                 [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/LICENSE':                                    [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/swagger-ui-init.js':                         [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/docs/swagger-ui-init.js':                    [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs/*':                                          [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /docs-json':                                       [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /.well-known/jwks.json':                           [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /v1/public/check/:number':                         [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
  'GET /kiem-tra':                                        [O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O,   O  ],
};

interface Req {
  path: string;
  body?: object;
  csv?: string;
  /** Multipart text fields sent with the file. */
  fields?: Record<string, string>;
}

type ReviewedPlural = 'organizations' | 'brandnames' | 'numbers';
interface Reviewed {
  item: string;
  suspendedByRoot: string;
  reinstateToApprove: string;
  reinstateToReject: string;
}

let h: RegistryHarness;
let lookup: NestFastifyApplication;
const credentials = {} as Record<Caller, { authorization?: string; apiKey?: string }>;
const fx = {} as {
  orgA: string;
  orgB: string;
  brandA: string;
  numberA: string;
  carrierId: string;
  spareCarrier: string;
  revokedKeyId: string;
  pendingUser: string;
  targetUser: string;
  /** Per kind: an item root proposed (pending), and three active ones root suspended (two with a lifting root requested). */
  reviewed: Record<ReviewedPlural, Reviewed>;
  invitation: string;
  application: string;
  document: string;
};
let n = 0;
const uniq = () => String(++n).padStart(4, '0');

/** The review routes of one kind of item; each acts on its own fixtures, so a revoke here closes nothing another row needs. */
function reviewRequests(plural: ReviewedPlural): Record<string, () => Req> {
  const at =
    (id: keyof Reviewed, step: string, body: object = {}) =>
    () => ({ path: `/v1/${plural}/${fx.reviewed[plural][id]}/${step}`, body });
  const reason = { reason: 'kiểm thử' };
  return {
    [`POST /v1/${plural}/:id/approve`]: at('item', 'approve'),
    [`POST /v1/${plural}/:id/reject`]: at('item', 'reject', reason),
    [`POST /v1/${plural}/:id/suspend`]: at('item', 'suspend', reason),
    // Suspended by root: the regulator caller (reg2) requests its lifting (then 409 REVISION_PENDING: still past the role check).
    [`POST /v1/${plural}/:id/reinstate`]: at('suspendedByRoot', 'reinstate', reason),
    // Suspended and its lifting requested by root, so the regulator caller (reg2) is not barred from deciding it.
    [`POST /v1/${plural}/:id/reinstate/approve`]: at('reinstateToApprove', 'reinstate/approve'),
    [`POST /v1/${plural}/:id/reinstate/reject`]: at('reinstateToReject', 'reinstate/reject', reason),
    [`POST /v1/${plural}/:id/revoke`]: at('item', 'revoke', reason),
    [`POST /v1/${plural}/:id/revision/approve`]: at('item', 'revision/approve'),
    [`POST /v1/${plural}/:id/revision/reject`]: at('item', 'revision/reject', reason),
  };
}

/** A concrete request for each route, valid enough that only who calls decides between 401/403 and the rest. */
const REQUESTS: Record<string, () => Req> = {
  'POST /v1/auth/login': () => ({ path: '/v1/auth/login', body: {} }),
  // No code at all: 400 for everyone past the (absent) authentication, and no account is touched.
  'POST /v1/auth/enroll': () => ({ path: '/v1/auth/enroll', body: {} }),
  'GET /v1/audit-events': () => ({ path: '/v1/audit-events?limit=5' }),
  'GET /v1/audit-events/verify': () => ({ path: '/v1/audit-events/verify' }),
  'GET /v1/audit-events/export': () => ({ path: '/v1/audit-events/export?entityType=carrier' }),
  // A wrong current password: refused with 400, so no caller's token is cut.
  'POST /v1/auth/change-password': () => ({
    path: '/v1/auth/change-password',
    body: { currentPassword: 'not-the-password', newPassword: 'matrix-new-password-123' },
  }),
  // Starts an enrolment nobody confirms: no account's sign-in changes.
  'POST /v1/auth/totp/enroll': () => ({ path: '/v1/auth/totp/enroll' }),
  // A wrong code (or none started): 400 or 409, no token is cut.
  'POST /v1/auth/totp/confirm': () => ({ path: '/v1/auth/totp/confirm', body: { totp: '000000' } }),
  'GET /v1/users/second-factors': () => ({ path: '/v1/users/second-factors' }),
  // An account with no second factor: 409 INVALID_TRANSITION past the role check, nothing asked.
  'POST /v1/users/:id/second-factor/reset': () => ({ path: `/v1/users/${fx.targetUser}/second-factor/reset` }),
  'POST /v1/users/:id/second-factor/reset/approve': () => ({ path: `/v1/users/${fx.targetUser}/second-factor/reset/approve`, body: {} }),
  'POST /v1/users/:id/second-factor/reset/reject': () => ({
    path: `/v1/users/${fx.targetUser}/second-factor/reset/reject`,
    body: { reason: 'kiểm thử' },
  }),
  'POST /v1/users': () => ({
    path: '/v1/users',
    body: { username: `matrix.u${uniq()}`, password: 'matrix-password-123', role: 'agency_admin', organizationId: fx.orgA },
  }),
  'GET /v1/users': () => ({ path: '/v1/users' }),
  'PATCH /v1/users/:id': () => ({ path: `/v1/users/${fx.targetUser}`, body: { version: 999 } }),
  // An agency admin of ORG_A that none of the callers is: resetting it cuts no caller's token.
  'POST /v1/users/:id/reset-password': () => ({ path: `/v1/users/${fx.targetUser}/reset-password` }),
  'POST /v1/users/:id/approve': () => ({ path: `/v1/users/${fx.pendingUser}/approve`, body: {} }),
  'POST /v1/users/:id/reject': () => ({ path: `/v1/users/${fx.pendingUser}/reject`, body: { reason: 'kiểm thử' } }),
  'POST /v1/organizations': () => ({
    path: '/v1/organizations',
    body: { code: `MX${uniq()}`, name: `Đơn vị ma trận ${n}`, kind: 'other' },
  }),
  'GET /v1/organizations': () => ({ path: '/v1/organizations' }),
  'GET /v1/organizations/:id': () => ({ path: `/v1/organizations/${fx.orgA}` }),
  'PATCH /v1/organizations/:id': () => ({ path: `/v1/organizations/${fx.orgA}`, body: { version: 999 } }),
  'POST /v1/organizations/:id/brandnames': () => ({
    path: `/v1/organizations/${fx.orgA}/brandnames`,
    body: { label: `MTX ${uniq()}`, displayName: `Phòng ma trận ${n}` },
  }),
  'GET /v1/organizations/:id/brandnames': () => ({ path: `/v1/organizations/${fx.orgA}/brandnames` }),
  'GET /v1/brandnames/:id': () => ({ path: `/v1/brandnames/${fx.brandA}` }),
  'PATCH /v1/brandnames/:id': () => ({ path: `/v1/brandnames/${fx.brandA}`, body: { version: 999 } }),
  'POST /v1/organizations/:id/numbers': () => ({
    path: `/v1/organizations/${fx.orgA}/numbers`,
    body: { number: `0915${uniq().padStart(6, '0')}`, brandnameId: fx.brandA },
  }),
  'GET /v1/organizations/:id/numbers': () => ({ path: `/v1/organizations/${fx.orgA}/numbers` }),
  'POST /v1/organizations/:id/numbers/import': () => ({
    path: `/v1/organizations/${fx.orgA}/numbers/import`,
    csv: `number,label\n0916${uniq().padStart(6, '0')},CO QUAN A\n`,
  }),
  'GET /v1/numbers/:id': () => ({ path: `/v1/numbers/${fx.numberA}` }),
  'PATCH /v1/numbers/:id': () => ({ path: `/v1/numbers/${fx.numberA}`, body: { version: 999 } }),
  'GET /v1/numbers': () => ({ path: '/v1/numbers?q=0912' }),
  // An id that is no item: the batch answers 200 with a per-item NOT_FOUND, and the fixtures stay as they are.
  'POST /v1/reviews/approve': () => ({
    path: '/v1/reviews/approve',
    body: { items: [{ kind: 'numbers', id: '00000000-0000-4000-8000-000000000000' }] },
  }),
  ...reviewRequests('organizations'),
  ...reviewRequests('brandnames'),
  ...reviewRequests('numbers'),
  'GET /v1/organizations/:id/rollout': () => ({ path: `/v1/organizations/${fx.orgA}/rollout` }),
  'POST /v1/reorganizations': () => ({ path: '/v1/reorganizations', body: {} }),
  'GET /v1/reorganizations': () => ({ path: '/v1/reorganizations' }),
  'GET /v1/reorganizations/:id': () => ({ path: `/v1/reorganizations/${fx.orgA}` }),
  'POST /v1/reorganizations/:id/approve': () => ({ path: `/v1/reorganizations/${fx.orgA}/approve`, body: {} }),
  'DELETE /v1/reorganizations/:id': () => ({ path: `/v1/reorganizations/${fx.orgA}` }),
  'POST /v1/invitations': () => ({
    path: '/v1/invitations',
    body: { organizationCode: `INV${uniq()}`, organizationName: 'Cơ quan mời', kind: 'other' },
  }),
  'GET /v1/invitations': () => ({ path: '/v1/invitations' }),
  'POST /v1/invitations/:id/revoke': () => ({ path: `/v1/invitations/${fx.invitation}/revoke`, body: {} }),
  'POST /v1/applications': () => ({ path: '/v1/applications', body: {} }),
  'GET /v1/applications': () => ({ path: '/v1/applications' }),
  'GET /v1/applications/:id': () => ({ path: `/v1/applications/${fx.application}` }),
  'PATCH /v1/applications/:id': () => ({ path: `/v1/applications/${fx.application}`, body: { version: 999 } }),
  'POST /v1/applications/:id/submit': () => ({ path: `/v1/applications/${fx.application}/submit`, body: {} }),
  'POST /v1/applications/:id/request-changes': () => ({ path: `/v1/applications/${fx.application}/request-changes`, body: {} }),
  'POST /v1/applications/:id/reject': () => ({ path: `/v1/applications/${fx.application}/reject`, body: {} }),
  'POST /v1/applications/:id/approve': () => ({ path: `/v1/applications/${fx.application}/approve`, body: {} }),
  'POST /v1/applications/:id/checklist': () => ({ path: `/v1/applications/${fx.application}/checklist`, body: {} }),
  'POST /v1/applications/:id/documents': () => ({
    path: `/v1/applications/${fx.application}/documents`,
    csv: 'x',
    fields: { kind: 'other' },
  }),
  'GET /v1/applications/:id/documents/:docId': () => ({ path: `/v1/applications/${fx.application}/documents/${fx.document}` }),
  'GET /v1/carrier/number-confirmations': () => ({ path: '/v1/carrier/number-confirmations' }),
  'POST /v1/carrier/number-confirmations/:numberId': () => ({ path: `/v1/carrier/number-confirmations/${fx.numberA}`, body: {} }),
  'POST /v1/carrier/number-releases/:numberId': () => ({ path: `/v1/carrier/number-releases/${fx.numberA}`, body: {} }),
  'POST /v1/numbers/:id/holding-confirmation': () => ({
    path: `/v1/numbers/${fx.numberA}/holding-confirmation`,
    csv: 'x',
    fields: { reason: 'kiểm thử' },
  }),
  'POST /v1/carriers': () => ({ path: '/v1/carriers', body: { code: `MX_${uniq()}`, name: 'Ma trận' } }),
  'GET /v1/carriers': () => ({ path: '/v1/carriers' }),
  'GET /v1/carriers/directory': () => ({ path: '/v1/carriers/directory' }),
  'PATCH /v1/carriers/:id': () => ({ path: `/v1/carriers/${fx.spareCarrier}`, body: { version: 999 } }),
  'POST /v1/carriers/:id/api-keys': () => ({ path: `/v1/carriers/${fx.spareCarrier}/api-keys`, body: {} }),
  'DELETE /v1/carriers/:id/api-keys/:keyId': () => ({ path: `/v1/carriers/${fx.carrierId}/api-keys/${fx.revokedKeyId}` }),
  'POST /v1/lookup/batch': () => ({ path: '/v1/lookup/batch', body: { numbers: ['02439437142'] } }),
  'GET /v1/lookup/:number': () => ({ path: '/v1/lookup/02439437142' }),
  'GET /v1/sync/snapshot': () => ({ path: '/v1/sync/snapshot' }),
  'GET /v1/sync/changes': () => ({ path: '/v1/sync/changes?since=0' }),
  'GET /v1/sync/protected-names': () => ({ path: '/v1/sync/protected-names' }),
  'POST /v1/screen': () => ({ path: '/v1/screen', body: { displayName: 'Công an phường', number: '02439437142' } }),
  'GET /v1/protected-names': () => ({ path: '/v1/protected-names' }),
  'GET /v1/protected-names/proposals': () => ({ path: '/v1/protected-names/proposals' }),
  'GET /v1/protected-names/proposals/:id': () => ({ path: `/v1/protected-names/proposals/${fx.orgA}` }),
  'POST /v1/protected-names/proposals': () => ({ path: '/v1/protected-names/proposals', body: {} }),
  'POST /v1/protected-names/proposals/:id/approve': () => ({ path: `/v1/protected-names/proposals/${fx.orgA}/approve`, body: {} }),
  'POST /v1/protected-names/proposals/:id/reject': () => ({ path: `/v1/protected-names/proposals/${fx.orgA}/reject`, body: {} }),
  'POST /v1/protected-names/proposals/:id/withdraw': () => ({ path: `/v1/protected-names/proposals/${fx.orgA}/withdraw`, body: {} }),
  'GET /docs/*': () => ({ path: '/docs/swagger-ui.css' }),
  'GET /v1/public/check/:number': () => ({ path: '/v1/public/check/02439437142' }),
};

function requestFor(route: string): Req {
  const make = REQUESTS[route];
  if (make) return make();
  const [method, path] = route.split(' ');
  if (method === 'GET' && !path.includes(':') && !path.includes('*')) return { path }; // public pages
  throw new Error(`No request written for ${route}: add one to REQUESTS`);
}

async function call(app: INestApplication | NestFastifyApplication, route: string, caller: Caller) {
  const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  const r = requestFor(route);
  let t = request(app.getHttpServer())[method](r.path);
  const c = credentials[caller];
  if (c.authorization) t = t.set('Authorization', c.authorization);
  if (c.apiKey) t = t.set('X-Api-Key', c.apiKey);
  for (const [name, value] of Object.entries(r.fields ?? {})) t = t.field(name, value);
  if (r.csv !== undefined) return t.attach('file', Buffer.from(r.csv), 'numbers.csv');
  if (r.body !== undefined) return t.send(r.body);
  return t;
}

beforeAll(async () => {
  h = await withEnv({ JWT_SECRET: TEST_JWT_SECRET }, () => RegistryHarness.start());
  await h.createUser('reg2', 'regulator');
  fx.orgA = await h.activeOrganization('ORG_A', 'Cơ quan A');
  fx.orgB = await h.activeOrganization('ORG_B', 'Cơ quan B');
  fx.brandA = await h.activeBrandname(fx.orgA, 'CO QUAN A', 'Cơ quan A');
  const root = await h.as(ROOT.username);
  fx.numberA = (
    await root.post(`/v1/organizations/${fx.orgA}/numbers`).send({ number: '0912000001', brandnameId: fx.brandA }).expect(201)
  ).body.id;
  const ownerId = await h.createUser('a.admin', 'agency_admin', fx.orgA);
  const otherId = await h.createUser('b.admin', 'agency_admin', fx.orgB);
  const auditorId = await h.createUser('auditor', 'auditor');
  fx.targetUser = await h.createUser('a.target', 'agency_admin', fx.orgA);
  // A regulator account waiting for a second regulator, for the account review routes.
  fx.pendingUser = (
    await root.post('/v1/users').send({ username: 'matrix.pending', password: 'matrix-password-123', role: 'regulator' }).expect(201)
  ).body.id;
  const [reg2] = await h.ds.query(`SELECT id FROM users WHERE username = 'reg2'`);
  const propose: Record<ReviewedPlural, (i: number) => Promise<string>> = {
    organizations: async (i) =>
      (
        await root
          .post('/v1/organizations')
          .send({ code: `ORG_R${i}`, name: `Cơ quan duyệt ${i}`, kind: 'other' })
          .expect(201)
      ).body.id,
    brandnames: async (i) =>
      (
        await root
          .post(`/v1/organizations/${fx.orgA}/brandnames`)
          .send({ label: `CQ DUYET ${i}`, displayName: `Phòng duyệt ${i}` })
          .expect(201)
      ).body.id,
    numbers: async (i) =>
      (
        await root
          .post(`/v1/organizations/${fx.orgA}/numbers`)
          .send({ number: `091200000${i}`, brandnameId: fx.brandA })
          .expect(201)
      ).body.id,
  };
  fx.reviewed = {} as Record<ReviewedPlural, Reviewed>;
  for (const plural of ['organizations', 'brandnames', 'numbers'] as const) {
    const suspended = async (i: number, requestLifting: boolean) => {
      const id = await propose[plural](i);
      await (await h.as('reg2')).post(`/v1/${plural}/${id}/approve`).send({}).expect(200);
      await root.post(`/v1/${plural}/${id}/suspend`).send({ reason: 'kiểm thử' }).expect(200);
      if (requestLifting) await root.post(`/v1/${plural}/${id}/reinstate`).send({ reason: 'kiểm thử' }).expect(200);
      return id;
    };
    fx.reviewed[plural] = {
      item: plural === 'numbers' ? fx.numberA : await propose[plural](1),
      suspendedByRoot: await suspended(2, false),
      reinstateToApprove: await suspended(3, true),
      reinstateToReject: await suspended(4, true),
    };
  }

  fx.carrierId = (await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201)).body.id;
  fx.spareCarrier = (await root.post('/v1/carriers').send({ code: 'SPARE', name: 'Spare' }).expect(201)).body.id;
  const live = (await root.post(`/v1/carriers/${fx.carrierId}/api-keys`).expect(201)).body;
  const revoked = (await root.post(`/v1/carriers/${fx.carrierId}/api-keys`).expect(201)).body;
  await root.delete(`/v1/carriers/${fx.carrierId}/api-keys/${revoked.id}`).expect(200);
  fx.revokedKeyId = revoked.id;

  // An application of Bộ Công an (its own organization) with a decision letter, and an open invitation.
  fx.invitation = (
    await root.post('/v1/invitations').send({ organizationCode: 'OPEN_INV', organizationName: 'Cơ quan chờ', kind: 'other' }).expect(201)
  ).body.id;
  const bca = (
    await root.post('/v1/invitations').send({ organizationCode: 'BCA', organizationName: 'Bộ Công an', kind: 'ministry' }).expect(201)
  ).body;
  fx.application = (
    await h
      .http()
      .post('/v1/applications')
      .send({
        invitationToken: bca.token,
        applicant: {
          username: 'bca.admin',
          password: 'bca-admin-password-123',
          fullName: 'Nguyễn Văn An',
          email: 'an@bocongan.gov.vn',
          phone: '0243822 6602',
        },
        brandname: { label: 'BO CONG AN', displayName: 'Bộ Công an' },
        numbers: [{ number: '024 3822 2593', holdingCarrier: 'VIETTEL' }],
      })
      .expect(201)
  ).body.id;
  fx.document = (
    await root
      .post(`/v1/applications/${fx.application}/documents`)
      .field('kind', 'decision')
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'quyet-dinh.pdf')
      .expect(201)
  ).body.id;

  const regToken = signToken(reg2.id);
  Object.assign(credentials, {
    anonymous: {},
    expired: { authorization: `Bearer ${signToken(reg2.id, { expiresInSeconds: -60 })}` },
    forged: { authorization: `Bearer ${signToken(reg2.id, { secret: 'not-the-secret-but-just-as-long-0123456789' })}` },
    tampered: { authorization: `Bearer ${tamperToken(signToken(otherId), reg2.id)}` },
    unsigned: { authorization: `Bearer ${unsignedToken(reg2.id)}` },
    regulator: { authorization: `Bearer ${regToken}` },
    ownerAdmin: { authorization: `Bearer ${signToken(ownerId)}` },
    otherAdmin: { authorization: `Bearer ${signToken(otherId)}` },
    auditor: { authorization: `Bearer ${signToken(auditorId)}` },
    carrierKey: { apiKey: live.key },
    revokedKey: { apiKey: revoked.key },
    keyAsBearer: { authorization: `Bearer ${live.key}` },
    jwtAsApiKey: { apiKey: regToken },
    enrolling: { authorization: `Bearer ${signToken(reg2.id, { claims: { scope: 'second_factor_enrollment' } })}` },
  } satisfies Record<Caller, unknown>);

  lookup = await lookupApp();
  // The lookup learns keys from the database; wait until the live key works.
  await within(5000, async () => {
    expect((await request(lookup.getHttpServer()).get('/v1/lookup/0912000001').set('X-Api-Key', live.key)).status).toBe(200);
  });
});

afterAll(async () => {
  await lookup?.close();
  await h?.stop();
});

describe('the tables cover exactly the endpoints the apps serve', () => {
  it('registry', () => {
    expect(Object.keys(REGISTRY).sort()).toEqual(expressRoutes(h.app));
  });
  it('lookup', () => {
    expect(Object.keys(LOOKUP).sort()).toEqual(fastifyRoutes(lookup));
  });
  it('and every operation of both OpenAPI documents is in its table', async () => {
    for (const [app, table] of [
      [h.app, REGISTRY],
      [lookup, LOOKUP],
    ] as const) {
      const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
      for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
        for (const method of Object.keys(ops)) {
          expect(table).toHaveProperty([`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`]);
        }
      }
    }
  });
  it('every row has a cell for every caller', () => {
    for (const row of [...Object.values(REGISTRY), ...Object.values(LOOKUP)]) expect(row).toHaveLength(CALLERS.length);
  });
});

describe.each([
  ['registry', () => h.app, REGISTRY],
  ['lookup', () => lookup, LOOKUP],
] as const)('%s', (_name, app, table) => {
  it.each(Object.keys(table))('%s', async (route) => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [i, caller] of CALLERS.entries()) {
      const res = await call(app(), route, caller);
      const cell = table[route][i];
      expect(res.status).toBeLessThan(500);
      if (cell === O) {
        got.push(`${caller}: ${res.status === 401 || res.status === 403 ? `${res.status} ${res.body.code}` : 'ok'}`);
      } else {
        got.push(`${caller}: ${res.status}`);
        if (res.status === cell) {
          expectErrorShape(res);
          const forbidden = caller === 'enrolling' ? 'SECOND_FACTOR_ENROLLMENT_REQUIRED' : 'FORBIDDEN';
          expect(res.body.code).toBe(cell === 401 ? 'UNAUTHENTICATED' : forbidden);
        }
      }
      want.push(`${caller}: ${cell}`);
    }
    expect(got).toEqual(want);
  });
});
