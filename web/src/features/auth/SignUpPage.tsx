import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { signupBody } from '@server/auth/schema';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { fieldErrors } from '../../lib/api';
import { validate } from '../../lib/validation';
import { AuthCard } from './AuthCard';
import { useSignUp, type SignupInput } from './api';

type Plan = NonNullable<SignupInput['plan']>;
const plans: { value: Plan; label: string }[] = [
  { value: 'starter', label: 'Starter — 500 contacts, 50 deals' },
  { value: 'growth', label: 'Growth — unlimited, import/export, custom fields' },
  { value: 'scale', label: 'Scale — everything in Growth, for large teams' },
];

export function SignUpPage() {
  const signUp = useSignUp();
  const [values, setValues] = useState<Required<SignupInput>>({
    orgName: '',
    name: '',
    email: '',
    password: '',
    plan: 'starter',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof SignupInput) => (value: string) =>
    setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validate(signupBody, values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    signUp.mutate(result.data, { onError: (error) => setErrors(fieldErrors(error)) });
  }

  const text = (key: 'orgName' | 'name' | 'email' | 'password', label: string, type = 'text') => (
    <Field label={label} required error={errors[key]}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={values[key]}
          autoComplete={key === 'password' ? 'new-password' : key === 'email' ? 'email' : undefined}
          autoFocus={key === 'orgName'}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <AuthCard
      title="Create your organization"
      subtitle="You will be its owner. Invite your team and partners afterwards."
      footer={
        <>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        <ErrorNotice error={signUp.error} />
        {text('orgName', 'Organization name')}
        {text('name', 'Your name')}
        {text('email', 'Work e-mail', 'email')}
        {text('password', 'Password', 'password')}
        <Field label="Plan" error={errors.plan}>
          {(props) => (
            <select {...props} value={values.plan} onChange={(e) => set('plan')(e.target.value)}>
              {plans.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating…' : 'Create organization'}
        </button>
      </form>
    </AuthCard>
  );
}
