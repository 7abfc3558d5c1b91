import type { InputHTMLAttributes } from 'react';
import { isoToVietnamLocal, vietnamLocalToIso } from './labels';
import { Field } from './ui';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** A labelled text input (any other input attribute passes through). */
export function TextField({
  label,
  hint,
  value,
  onChange,
  ...input
}: { label: string; hint?: string; value: string; onChange: (value: string) => void } & InputProps) {
  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          aria-describedby={hint ? `${id}-hint` : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...input}
        />
      )}
    </Field>
  );
}

/** A password: the current one, or a new one (12 to 256 characters, as the registry requires). */
export function PasswordField(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  current?: boolean;
}) {
  const { current, ...field } = props;
  return current ? (
    <TextField {...field} type="password" autoComplete="current-password" required />
  ) : (
    <TextField {...field} type="password" autoComplete="new-password" required minLength={12} maxLength={256} />
  );
}

/** A second-factor code, as the authenticator app shows it (other input attributes pass through). */
export function CodeField(props: { hint: string; value: string; onChange: (value: string) => void } & InputProps) {
  return (
    <TextField label="Mã xác thực" name="totp" inputMode="numeric" autoComplete="one-time-code" spellCheck={false} required {...props} />
  );
}

/** A new password, typed twice. */
export function NewPasswordFields(props: {
  hint: string;
  value: string;
  onChange: (value: string) => void;
  again: string;
  onAgain: (value: string) => void;
}) {
  return (
    <>
      <PasswordField label="Mật khẩu mới" hint={props.hint} value={props.value} onChange={props.onChange} />
      <PasswordField label="Nhập lại mật khẩu mới" value={props.again} onChange={props.onAgain} />
    </>
  );
}

/** Said when the two new passwords differ (before anything is sent). */
export const PASSWORDS_DIFFER = 'Hai lần nhập mật khẩu mới không khớp nhau.';

/** An instant typed in Vietnam time (a `datetime-local` input), held as ISO 8601 or null. */
export function VietnamTimeField(props: { label: string; hint: string; value: string | null; onChange: (iso: string | null) => void }) {
  return (
    <TextField
      label={props.label}
      hint={props.hint}
      type="datetime-local"
      value={isoToVietnamLocal(props.value)}
      onChange={(local) => props.onChange(vietnamLocalToIso(local) ?? null)}
    />
  );
}
