import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meSchema } from '@server/auth/schema';
import { api, ApiError } from './api';

/** `GET /me`: the user, their org and their effective permissions. */
export type Me = z.infer<typeof meSchema>;
export type Role = Me['user']['role'];
export type Action = keyof Me['permissions'];
export type Scope = Me['permissions'][Action];

export const meKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in session, or null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user, provided once by the signed-in shell (it stays put while signing out). */
export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside a signed-in page');
  return me;
}

export const isOrgAdmin = (role: Role): boolean => role === 'owner' || role === 'admin';
export const isPartnerSide = (me: Me): boolean => me.user.partnerId !== null;

/** Whether the user may do `action` at all (on some record, when the scope is `own`). */
export const may = (me: Me, action: Action): boolean => me.permissions[action] !== 'none';

export const roleLabels = {
  owner: 'Owner',
  admin: 'Org Admin',
  employee: 'Employee',
  partner: 'Partner',
  sales_rep: 'Sales Rep',
} as const satisfies Record<Role, string>;
