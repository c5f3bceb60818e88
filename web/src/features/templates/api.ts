import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactSchema } from '@server/contacts/schema';
import type { dealSchema } from '@server/deals/schema';
import type {
  createTemplateBody,
  previewBody,
  renderedSchema,
  templateSchema,
  updateTemplateBody,
  usedSchema,
  useBody,
  variableSchema,
} from '@server/templates/schema';
import { api, ApiError } from '../../lib/api';

export type Template = z.infer<typeof templateSchema>;
export type TemplateCategory = Template['category'];
export type CreateTemplateInput = z.input<typeof createTemplateBody>;
export type UpdateTemplateInput = z.input<typeof updateTemplateBody>;
export type Variable = z.infer<typeof variableSchema>;
export type Rendered = z.infer<typeof renderedSchema>;
export type Used = z.infer<typeof usedSchema>;
export type PreviewInput = z.input<typeof previewBody>;
export type UseInput = z.input<typeof useBody>;
type ContactOption = Pick<
  z.infer<typeof contactSchema>,
  'id' | 'firstName' | 'lastName' | 'company'
>;
type DealOption = Pick<z.infer<typeof dealSchema>, 'id' | 'title' | 'contactId' | 'contactName'>;
type Page<T> = { data: T[]; nextCursor: string | null };

const listKey = ['templates'] as const;

export function useTemplateList() {
  return useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) =>
      api.get<Page<Template>>('/templates', { limit: 200 }, signal).then((r) => r.data),
  });
}

export function useVariables() {
  return useQuery({
    queryKey: ['template-variables'],
    queryFn: () => api.get<{ data: Variable[] }>('/templates/variables').then((r) => r.data),
    staleTime: Infinity,
  });
}

const refresh = (client: QueryClient) => client.invalidateQueries({ queryKey: listKey });

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ template, input }: { template?: Template; input: CreateTemplateInput }) =>
      template
        ? api.patch<Template>(`/templates/${template.id}`, input, template.version)
        : api.post<Template>('/templates', input),
    onSuccess: () => refresh(client),
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (template: Template) => api.delete(`/templates/${template.id}`, template.version),
    onSuccess: () => refresh(client),
  });
}

export function usePreview(templateId: string | undefined, input: PreviewInput) {
  return useQuery({
    queryKey: ['template-preview', templateId, input],
    queryFn: () => api.post<Rendered>(`/templates/${templateId}/preview`, input),
    enabled: templateId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Renders for real: counts the use and logs `template_used` on the contact (and deal). */
export function useUseTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, input }: { templateId: string; input: UseInput }) =>
      api.post<Used>(`/templates/${templateId}/use`, input),
    onSuccess: (_used, { input }) =>
      Promise.all([
        refresh(client),
        client.invalidateQueries({ queryKey: ['contact', input.contactId] }),
        input.dealId && client.invalidateQueries({ queryKey: ['deal', input.dealId] }),
      ]),
  });
}

export function useContactOptions(q: string) {
  const query = q.trim().length >= 2 ? q.trim() : undefined;
  return useQuery({
    queryKey: ['contacts', { q: query, limit: 20, picker: true }],
    queryFn: ({ signal }) =>
      api.get<Page<ContactOption>>('/contacts', { q: query, limit: 20 }, signal),
    select: (page) => page.data,
    placeholderData: keepPreviousData,
  });
}

export function useDealOptions(contactId: string) {
  return useQuery({
    queryKey: ['deals', { contactId, limit: 50, picker: true }],
    queryFn: ({ signal }) => api.get<Page<DealOption>>('/deals', { contactId, limit: 50 }, signal),
    select: (page) => page.data,
    enabled: contactId !== '',
  });
}

/** A deal's contact, for "Use template" from a deal. */
export function useDealContact(dealId: string | undefined) {
  return useQuery({
    queryKey: ['deal', dealId],
    queryFn: () => api.get<DealOption & { contactId: string }>(`/deals/${dealId}`),
    enabled: dealId !== undefined,
  });
}

/** Lint errors of a 422 by template field (`subject`, `body`), others under `name` etc. */
export function templateErrors(error: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.errors) {
    const key =
      e.path === 'body' || e.path === 'subject' ? e.path : e.path.replace(/^body\./, '') || '_form';
    (out[key] ??= []).push(e.message);
  }
  return out;
}
