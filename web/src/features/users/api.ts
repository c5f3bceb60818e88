import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { partnerSchema } from '@server/partners/schema';
import type { passwordResetSchema } from '@server/auth/schema';
import type { createUserBody, updateUserBody, userSchema } from '@server/users/schema';
import { api } from '../../lib/api';

export type User = z.infer<typeof userSchema>;
export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = z.input<typeof updateUserBody>;
type Partner = z.infer<typeof partnerSchema>;
export type PasswordReset = z.infer<typeof passwordResetSchema>;

const usersKey = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: () => api.get<{ data: User[] }>('/users').then((r) => r.data),
  });
}

/** Partners to choose from for partner and sales-rep users. */
export function usePartnerChoices() {
  return useQuery({
    queryKey: ['partners'],
    queryFn: () => api.get<{ data: Partner[] }>('/partners').then((r) => r.data),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<User>('/users', input),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ user, changes }: { user: User; changes: UpdateUserInput }) =>
      api.patch<User>(`/users/${user.id}`, changes, user.version),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Starts a password reset for another user: the token comes back once, to hand over. */
export function useStartPasswordReset() {
  return useMutation({
    mutationFn: (user: User) => api.post<PasswordReset>(`/users/${user.id}/password-reset`),
  });
}
