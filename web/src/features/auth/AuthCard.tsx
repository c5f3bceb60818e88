import type { ReactNode } from 'react';

/** The centred card the sign-in and sign-up pages sit in. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand brand-dark">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span className="brand-name">Kantivo CRM</span>
        </div>
        <h1>{title}</h1>
        <p className="auth-subtitle">{subtitle}</p>
        {children}
        <div className="auth-footer">{footer}</div>
      </div>
    </main>
  );
}
