import { useSession } from '../../session-context';
import { ApplicationFacts } from './ApplicationFacts';
import { Documents } from './Documents';
import { HoldingsTable } from './HoldingsTable';
import { RegulatorDecision } from './RegulatorDecision';
import { Resubmit } from './Resubmit';
import { refusal, useApplication } from './use-application';

/** One application: what it asks for, each number's carrier confirmation, documents, the checklist and decisions. */
export function ApplicationPage({ id }: { id: string }) {
  const { me } = useSession();
  const steps = useApplication(id);
  const { app, error, success } = steps;
  const a = app.data;
  if (!a) return <p>{app.error ? refusal(app.error) : 'Đang tải…'}</p>;
  const regulator = me.role === 'regulator';
  const open = a.status === 'submitted' || a.status === 'changes_requested';

  return (
    <section aria-labelledby="app-title">
      <h1 id="app-title">Hồ sơ của {a.organization.name}</h1>
      <div role="alert" className={error ? 'alert alert-error' : 'visually-hidden'}>
        {error ?? ''}
      </div>
      <div role="status" className={success ? 'alert alert-success' : 'visually-hidden'}>
        {success ?? ''}
      </div>
      <ApplicationFacts application={a} />
      <h2>Số điện thoại và xác nhận của nhà mạng</h2>
      <HoldingsTable numbers={a.numbers} />
      <Documents application={a} mayOpen={regulator || me.id === a.applicant.id} mayAdd={open} onUpload={steps.upload} />
      {regulator ? <RegulatorDecision application={a} open={open} steps={steps} /> : null}
      {me.role === 'agency_admin' && a.status === 'changes_requested' ? (
        <Resubmit application={a} onSave={(numbers) => steps.save(a.version, numbers)} onSubmit={steps.resubmit} />
      ) : null}
    </section>
  );
}
