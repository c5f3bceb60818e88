import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createCustomFieldBody,
  customFieldSchema,
  updateCustomFieldBody,
} from '@server/custom-fields/schema';
import type { orgSchema } from '@server/orgs/schema';
import type { settingsSchema, updateSettingsBody } from '@server/settings/schema';
import { api } from '../../lib/api';

export type CrmSettings = z.infer<typeof settingsSchema>;
export type UpdateSettingsInput = z.input<typeof updateSettingsBody>;
export type Org = z.infer<typeof orgSchema>;
export type CustomField = z.infer<typeof customFieldSchema>;
export type CreateCustomFieldInput = z.input<typeof createCustomFieldBody>;
export type UpdateCustomFieldInput = z.input<typeof updateCustomFieldBody>;

const settingsKey = ['crm-settings'] as const;
const fieldsKey = ['custom-fields'] as const;

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<CrmSettings>('/crm/settings') });
}

/** PATCH with If-Match: a change made meanwhile by someone else answers 412. */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: UpdateSettingsInput }) =>
      api.patch<CrmSettings>('/crm/settings', changes, version),
    onSuccess: (settings) => {
      client.setQueryData(settingsKey, settings);
      return client.invalidateQueries({ queryKey: ['org'] });
    },
  });
}

export function useOrg() {
  return useQuery({ queryKey: ['org'], queryFn: () => api.get<Org>('/org') });
}

export function useCustomFieldList() {
  return useQuery({
    queryKey: fieldsKey,
    queryFn: () => api.get<{ data: CustomField[] }>('/custom-fields').then((r) => r.data),
  });
}

export function useCreateCustomField() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCustomFieldInput) => api.post<CustomField>('/custom-fields', input),
    onSuccess: () => client.invalidateQueries({ queryKey: fieldsKey }),
  });
}

export function useUpdateCustomField() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ field, changes }: { field: CustomField; changes: UpdateCustomFieldInput }) =>
      api.patch<CustomField>(`/custom-fields/${field.id}`, changes, field.version),
    onSuccess: () => client.invalidateQueries({ queryKey: fieldsKey }),
  });
}

export function useDeleteCustomField() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (field: CustomField) => api.delete(`/custom-fields/${field.id}`, field.version),
    onSuccess: () => client.invalidateQueries({ queryKey: fieldsKey }),
  });
}
