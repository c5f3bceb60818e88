import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { orgSchema, updateOrgBody } from '@server/orgs/schema';
import { api } from '../../lib/api';
import { meKey } from '../../lib/session';

export type Org = z.infer<typeof orgSchema>;
export type OrgChanges = z.input<typeof updateOrgBody>;

const orgKey = ['org'] as const;

export function useOrg() {
  return useQuery({ queryKey: orgKey, queryFn: () => api.get<Org>('/org') });
}

export function useUpdateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ org, changes }: { org: Org; changes: OrgChanges }) =>
      api.patch<Org>('/org', changes, org.version),
    onSuccess: (org) => {
      client.setQueryData(orgKey, org);
      return client.invalidateQueries({ queryKey: meKey });
    },
  });
}
