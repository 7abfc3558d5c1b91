import { useState } from 'react';
import { byId, client, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import type { User } from '../../api/types';
import { useLoad, useNotice } from '../../data';
import { useSession } from '../../session-context';
import { ENROLL_REFUSED } from './account-text';
import type { OneTime, PendingAction } from './account-text';

/**
 * The Người dùng page's data: the accounts this user manages and the organizations to name, the action waiting for
 * confirmation, the secret shown once, and each action's outcome (every outcome reloads the accounts).
 */
export function useUsers() {
  const { me } = useSession();
  const loadedUsers = useLoad(() => ok(client.GET('/v1/users')), []);
  const factors = useLoad(() => ok(client.GET('/v1/users/second-factors')), []);
  // Every outcome reloads both: an account and its second factor.
  const users = {
    ...loadedUsers,
    reload: () => {
      loadedUsers.reload();
      factors.reload();
    },
  };
  const orgs = useLoad(
    () =>
      me.role === 'regulator'
        ? ok(client.GET('/v1/organizations'))
        : me.organizationId
          ? ok(client.GET('/v1/organizations/{id}', byId(me.organizationId))).then((o) => [o])
          : Promise.resolve([]),
    [me],
  );
  const notice = useNotice();
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);

  /** The confirmed action: a reset hands over a one-time password; disabling or enabling may wait for review. */
  const run = async ({ user, action }: PendingAction) => {
    setPending(null);
    notice.clear();
    try {
      if (action === 'reset') {
        const r = await ok(client.POST('/v1/users/{id}/reset-password', byId(user.id)));
        setOneTime({ username: user.username, secret: r.oneTimePassword, kind: 'reset' });
      } else if (action === 'second-factor-reset') {
        await ok(client.POST('/v1/users/{id}/second-factor/reset', byId(user.id)));
        notice.setSuccess(`Yêu cầu đặt lại xác thực hai bước của ${user.username} chờ một cán bộ khác phê duyệt.`);
      } else {
        const body = { version: user.version, status: action === 'disable' ? ('disabled' as const) : ('active' as const) };
        const after = await ok(client.PATCH('/v1/users/{id}', { ...byId(user.id), body }));
        notice.setSuccess(
          after.status === 'pending'
            ? `Tài khoản ${user.username} chờ một cán bộ khác phê duyệt.`
            : `Đã ${action === 'disable' ? 'vô hiệu hóa' : 'kích hoạt lại'} tài khoản ${user.username}.`,
        );
      }
      users.reload();
    } catch (err) {
      notice.setError(err);
      users.reload();
    }
  };

  /** A decision on an account: said in the notice, the lists reloaded; a refusal is said and thrown to its form. */
  const deciding = async (work: () => Promise<void>) => {
    notice.clear();
    try {
      await work();
      users.reload();
    } catch (err) {
      notice.setError(err);
      users.reload();
      throw err;
    }
  };

  /** Approve or refuse a pending account; approving an enrollment hands this approver the code's second half. */
  const decide = (user: User, action: 'approve' | 'reject', reason?: string) =>
    deciding(async () => {
      if (action === 'approve') {
        const after = await ok(client.POST('/v1/users/{id}/approve', byId(user.id)));
        if (after.enrollmentCode) setOneTime({ username: user.username, secret: after.enrollmentCode, kind: 'enroll-second' });
        else notice.setSuccess(`Đã phê duyệt tài khoản ${user.username}.`);
      } else {
        await ok(client.POST('/v1/users/{id}/reject', { ...byId(user.id), body: reason ? { reason } : {} }));
        notice.setSuccess(`Đã từ chối tài khoản ${user.username}.`);
      }
    });

  /** Approve or refuse a waiting reset of an account's second factor. */
  const decideSecondFactor = (user: User, action: 'approve' | 'reject', reason?: string) =>
    deciding(async () => {
      if (action === 'approve') {
        await ok(client.POST('/v1/users/{id}/second-factor/reset/approve', byId(user.id)));
        notice.setSuccess(`Đã đặt lại xác thực hai bước của ${user.username}: họ thiết lập lại ở lần đăng nhập sau.`);
      } else {
        await ok(client.POST('/v1/users/{id}/second-factor/reset/reject', { ...byId(user.id), body: { reason } }));
        notice.setSuccess(`Đã từ chối đặt lại xác thực hai bước của ${user.username}.`);
      }
    });

  /** A new account: its secret is shown once (the enrollment's first half, or a one-time password). */
  const created = (o: OneTime) => {
    setOneTime(o);
    notice.clear();
    users.reload();
  };

  return { users, factors, orgs, notice, oneTime, setOneTime, pending, setPending, run, decide, decideSecondFactor, created };
}

/** POST /v1/users; a refused enrollment is said in words. */
export async function createUser(body: components['schemas']['CreateUserDto']) {
  try {
    return await ok(client.POST('/v1/users', { body }));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && err.fields.some((f) => f.field === 'enroll')) {
      throw new Error(ENROLL_REFUSED, { cause: err });
    }
    throw err;
  }
}
