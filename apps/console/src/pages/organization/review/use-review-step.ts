import { useState } from 'react';
import { takeReviewStep } from '../../../api/review-steps';
import type { ReviewStep } from '../../../api/review-steps';
import type { ReviewKind } from '../../../api/types';

export type TakeStep = (step: ReviewStep, reason: string | undefined, message: string) => Promise<void>;

/**
 * A reviewing step on one item, busy while it runs: on success `onDone(message)`, on refusal `onError(err)` and
 * the promise rejects (a reason form stays open to retry).
 */
export function useReviewStep(kind: ReviewKind, id: string, onDone: (message: string) => void, onError: (err: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const take: TakeStep = async (step, reason, message) => {
    setBusy(true);
    try {
      await takeReviewStep(kind, id, step, reason);
      onDone(message);
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      setBusy(false);
    }
  };
  return { busy, take };
}
