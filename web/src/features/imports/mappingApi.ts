import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createCustomFieldBody, customFieldSchema } from '@server/custom-fields/schema';
import type { importMappingSchema } from '@server/imports/mappings-schema';
import { api } from '../../lib/api';
import type { Mapping } from './mapping';

/** A mapping saved under a name for the organization (`/import-mappings`). */
export type SavedMapping = z.infer<typeof importMappingSchema>;
export type CustomField = z.infer<typeof customFieldSchema>;
export type NewCustomField = z.input<typeof createCustomFieldBody>;

const mappingsKey = ['import-mappings'] as const;
// The contacts pages cache the same list under this key; a field created here shows there too.
const customFieldsKey = ['custom-fields'] as const;

export function useSavedMappings() {
  return useQuery({
    queryKey: mappingsKey,
    queryFn: () => api.get<{ data: SavedMapping[] }>('/import-mappings').then((r) => r.data),
  });
}

export function useSaveMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; mapping: Mapping }) =>
      api.post<SavedMapping>('/import-mappings', input),
    onSuccess: () => client.invalidateQueries({ queryKey: mappingsKey }),
  });
}

export function useCustomFieldList() {
  return useQuery({
    queryKey: customFieldsKey,
    queryFn: () => api.get<{ data: CustomField[] }>('/custom-fields').then((r) => r.data),
  });
}

export function useCreateCustomField() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCustomField) => api.post<CustomField>('/custom-fields', input),
    onSuccess: () => client.invalidateQueries({ queryKey: customFieldsKey }),
  });
}
