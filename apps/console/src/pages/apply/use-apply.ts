import { useState } from 'react';
import type { FormEvent } from 'react';
import { client, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { Application, FieldProblem } from '../../api/types';
import { liveNameProblems, parseNumberLines, PROBLEM_TEXT } from '../../onboarding-text';

/**
 * The public application form's state: what is typed, the label and display name checked as typed (the
 * registry's own rule module), and after sending either the application or each problem the registry found.
 */
export function useApply(token: string) {
  const [applicant, setApplicant] = useState({ username: '', password: '', fullName: '', email: '', phone: '' });
  const [label, setLabel] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [callReason, setCallReason] = useState('');
  const [numbers, setNumbers] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof applicant) => (e: { target: { value: string } }) => setApplicant({ ...applicant, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    setFailure(null);
    try {
      const body = {
        invitationToken: token,
        applicant,
        brandname: { label, displayName, ...(callReason.trim() ? { callReason } : {}) },
        numbers: parseNumberLines(numbers),
      };
      setDone(await ok(client.POST('/v1/applications', { body })));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setProblems(err.fields);
      else if (err instanceof ApiError) setFailure(PROBLEM_TEXT[err.code] ?? 'Máy chủ từ chối hồ sơ. Vui lòng thử lại.');
      else setFailure('Không kết nối được tới máy chủ.');
    } finally {
      setBusy(false);
    }
  };

  return {
    applicant,
    set,
    label,
    setLabel,
    displayName,
    setDisplayName,
    callReason,
    setCallReason,
    numbers,
    setNumbers,
    live: liveNameProblems(label, displayName),
    problems,
    failure,
    done,
    busy,
    submit,
  };
}
