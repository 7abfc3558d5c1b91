import { client, ok } from './client';
import type { ReviewKind } from './types';

/** The reviewing steps on an item (POST /v1/{kind}/{id}/…): the item itself, its revision, its reinstatement. */
const STEP_PATHS = {
  approve: '/v1/{kind}/{id}/approve',
  reject: '/v1/{kind}/{id}/reject',
  suspend: '/v1/{kind}/{id}/suspend',
  reinstate: '/v1/{kind}/{id}/reinstate',
  revoke: '/v1/{kind}/{id}/revoke',
  'revision/approve': '/v1/{kind}/{id}/revision/approve',
  'revision/reject': '/v1/{kind}/{id}/revision/reject',
  'reinstate/approve': '/v1/{kind}/{id}/reinstate/approve',
  'reinstate/reject': '/v1/{kind}/{id}/reinstate/reject',
} as const;

export type ReviewStep = keyof typeof STEP_PATHS;

/** Takes one step, with a reason where it needs one; the registry decides whether this person may. */
export async function takeReviewStep(kind: ReviewKind, id: string, step: ReviewStep, reason?: string): Promise<void> {
  await ok(client.POST(STEP_PATHS[step], { params: { path: { kind, id } }, body: reason ? { reason } : {} }));
}
