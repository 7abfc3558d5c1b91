import { useState } from 'react';
import { byId, client, ok } from '../../api/client';
import { ApiError, problemText } from '../../api/errors';
import { openBlob } from '../../api/files';
import type { components } from '../../api/schema';
import { useLoad } from '../../data';
import { refusalText } from '@app/domain/reserved-name-text';
import { fieldText } from '../../onboarding-text';

/** Messages for this page: the Vietnamese text of the refusal's code (and of each field problem). */
export function refusal(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Không kết nối được tới máy chủ.';
  const own = refusalText(err.code, err.details);
  const each = err.fields.map((f) => `${fieldText(f.field)}: ${f.code ? problemText(f) : f.message}`);
  return [own, ...each].join(' ');
}

type ChecklistItem = components['schemas']['ChecklistTickDto']['item'];
type NumberLine = { number: string; holdingCarrier: string };

/**
 * One application and the steps on it. Each step, when done, says so and reads the application again; when
 * refused, says why and rejects (a reason form stays open to retry).
 */
export function useApplication(id: string) {
  const app = useLoad(() => ok(client.GET('/v1/applications/{id}', byId(id))), [id]);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const run = async (done: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
      setSuccess(done);
      app.reload();
    } catch (err) {
      setSuccess(null);
      setError(refusal(err));
      throw err;
    }
  };
  const withReason = (path: '/v1/applications/{id}/request-changes' | '/v1/applications/{id}/reject', reason: string) => () =>
    ok(client.POST(path, { ...byId(id), body: { reason } }));
  return {
    app,
    error,
    success,
    upload: (form: FormData) =>
      run('Đã tải tài liệu lên.', () =>
        // The multipart body is the form as the browser sends it (the document types its parts, not a FormData).
        ok(client.POST('/v1/applications/{id}/documents', { ...byId(id), body: form as never })),
      ),
    tick: (item: ChecklistItem, checked: boolean) =>
      run('Đã ghi nhận.', () => ok(client.POST('/v1/applications/{id}/checklist', { ...byId(id), body: { item, checked } }))),
    approve: () => run('Đã phê duyệt hồ sơ.', () => ok(client.POST('/v1/applications/{id}/approve', byId(id)))),
    requestChanges: (reason: string) => run('Đã gửi yêu cầu bổ sung.', withReason('/v1/applications/{id}/request-changes', reason)),
    reject: (reason: string) => run('Đã từ chối hồ sơ.', withReason('/v1/applications/{id}/reject', reason)),
    save: (version: number, numbers: NumberLine[]) =>
      run('Đã lưu thay đổi.', () => ok(client.PATCH('/v1/applications/{id}', { ...byId(id), body: { version, numbers } }))),
    resubmit: () => run('Đã nộp lại hồ sơ.', () => ok(client.POST('/v1/applications/{id}/submit', byId(id)))),
  };
}

/** A document behind the session's token, opened in a new tab. */
export async function openDocument(applicationId: string, docId: string): Promise<void> {
  const params = { path: { id: applicationId, docId } };
  openBlob(await ok(client.GET('/v1/applications/{id}/documents/{docId}', { params, parseAs: 'blob' })));
}
