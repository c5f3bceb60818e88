import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { loginBody, sessionSchema, signupBody } from '@server/auth/schema';
import { api } from '../../lib/api';
import { meKey } from '../../lib/session';

export type SignupInput = z.input<typeof signupBody>;
export type LoginInput = z.input<typeof loginBody>;
type Session = z.infer<typeof sessionSchema>;

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
