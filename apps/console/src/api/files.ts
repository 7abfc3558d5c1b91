import { ApiError } from './errors';
import { currentToken, refusedAsUnauthenticated } from './session-store';
import type { ImportReport } from './types';

/**
 * The CSV import (POST /v1/organizations/{id}/numbers/import), with XMLHttpRequest so the upload progress can be
 * shown (fetch cannot report it); the answer is the contract's ImportReportDto.
 */
export function uploadImport(orgId: string, file: File, dryRun: boolean, onProgress: (fraction: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/organizations/${encodeURIComponent(orgId)}/numbers/import${dryRun ? '?dryRun=true' : ''}`);
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as ImportReport);
      } else {
        refusedAsUnauthenticated(xhr.status);
        reject(ApiError.of(xhr.status, xhr.statusText, body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Không kết nối được tới máy chủ'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Saves a Blob as a file the browser downloads. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens a Blob (a document behind the session's token, never a public link) in a new tab. */
export function openBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
