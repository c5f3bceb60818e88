import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  changePasswordBody,
  completeResetBody,
  loginBody,
  sessionSchema,
  signupBody,
} from '@server/auth/schema';
import { api } from '../../lib/api';
import { meKey } from '../../lib/session';

export type SignupInput = z.input<typeof signupBody>;
export type LoginInput = z.input<typeof loginBody>;
type Session = z.infer<typeof sessionSchema>;
export type CompleteResetInput = z.input<typeof completeResetBody>;
export type ChangePasswordInput = z.input<typeof changePasswordBody>;

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Session>('/auth/login', input),
    onSuccess: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      await client.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignupInput) => api.post<Session>('/auth/signup', input),
    onSuccess: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      await client.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      // Forget the user first (the router then shows sign-in), then everything they saw.
      client.setQueryData(meKey, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    },
  });
}

/** Sets a new password with the reset token an admin handed over (no sign-in needed). */
export function useCompleteReset() {
  return useMutation({
    mutationFn: (input: CompleteResetInput) => api.post<void>('/auth/password-reset', input),
  });
}

/** The signed-in user changes their own password; their other sessions end. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<void>('/me/password', input),
  });
}
