import { client, ok } from './client';
import type { ReviewKind } from './types';

/** The reviewing steps on an item: the item itself, its revision, its reinstatement. */
export type ReviewStep =
  | 'approve'
  | 'reject'
  | 'suspend'
  | 'reinstate'
  | 'revoke'
  | 'revision/approve'
  | 'revision/reject'
  | 'reinstate/approve'
  | 'reinstate/reject';

/**
 * The registry's literal route of a step on an item of one kind (`/v1/numbers/{id}/approve`, …): each of the
 * 27 is a path of the contract, so a route the registry drops is a compile error here.
 */
const reviewStepPath = <K extends ReviewKind, S extends ReviewStep>(kind: K, step: S) => `/v1/${kind}/{id}/${step}` as const;

/** Takes one step, with a reason where it needs one; the registry decides whether this person may. */
export async function takeReviewStep(kind: ReviewKind, id: string, step: ReviewStep, reason?: string): Promise<void> {
  await ok(client.POST(reviewStepPath(kind, step), { params: { path: { id } }, body: reason ? { reason } : {} }));
}
