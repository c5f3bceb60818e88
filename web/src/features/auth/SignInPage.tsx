import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { AuthCard } from './AuthCard';
import { useSignIn } from './api';

export function SignInPage() {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  }

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Sign in to your portal."
      footer={
        <>
          New to Kantivo? <Link href="/sign-up">Create an organization</Link>
          <br />
          Have a reset token? <Link href="/reset-password">Set a new password</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        <ErrorNotice error={signIn.error} />
        <Field label="E-mail" required>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password" required>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button
          type="submit"
          className="btn btn-primary btn-block"
          disabled={signIn.isPending || !email || !password}
        >
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
