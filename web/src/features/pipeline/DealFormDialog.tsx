import { useState, type FormEvent } from 'react';
import { createDealBody, updateDealBody } from '@server/deals/schema';
import { Dialog, FormButtons } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { may, useMe } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';
import { problemFieldErrors, validate, type FieldMessages } from '../../lib/validation';
import {
  creatableVisibilities,
  visibilityLabel,
  visibilityOptions,
  type Visibility,
} from '../../lib/visibility';
import { useCreateDeal, useCrmSettings, useStages, useUpdateDeal, type Deal } from './api';
import { ContactPicker } from './ContactPicker';

type Values = {
  title: string;
  amount: string;
  currency: string;
  probability: string;
  expectedCloseDate: string;
  contactId: string;
  stageId: string;
  description: string;
  tags: string;
  source: string;
  visibility: Visibility | '';
};

/** What to do, where the schema's own words would be generic. */
const messages: FieldMessages = {
  contactId: 'Choose the contact this deal is with',
  stageId: 'Choose a stage',
};

const valuesOf = (deal: Deal | undefined, stageId?: string): Values => ({
  title: deal?.title ?? '',
  amount: deal ? String(deal.amount) : '',
  currency: deal?.currency ?? 'USD',
  probability: deal ? String(deal.probability) : '',
  expectedCloseDate: deal?.expectedCloseDate ?? '',
  contactId: deal?.contactId ?? '',
  stageId: deal?.stageId ?? stageId ?? '',
  description: deal?.description ?? '',
  tags: deal?.tags.join(', ') ?? '',
  source: deal?.source ?? '',
  visibility: deal?.visibility ?? '',
});

const numberOrText = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

/** Add a deal, or edit one (its stage changes by moving it). */
export function DealFormDialog({
  deal,
  contact,
  onClose,
  onSaved,
}: {
  deal?: Deal;
  /** Preselects the contact when adding a deal from a contact's page. */
  contact?: { id: string; name: string };
  onClose: () => void;
  onSaved?: (deal: Deal) => void;
}) {
  const me = useMe();
  const [values, setValues] = useState<Values>(() => ({
    ...valuesOf(deal),
    ...(contact && !deal ? { contactId: contact.id } : {}),
  }));
  const stages = useStages();
  const settings = useCrmSettings(!deal && may(me, 'org.manage'));
  const choices = creatableVisibilities(me, settings.data);
  // The settings may arrive after the form opened and raise the minimum.
  const visibility =
    values.visibility && choices.includes(values.visibility) ? values.visibility : choices[0];
  const create = useCreateDeal();
  const update = useUpdateDeal();
  const mutation = deal ? update : create;
  const { formRef, errors, show, clear } = useFormErrors();
  const change = (key: keyof Values, value: string) => {
    clear(key);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const set = (key: keyof Values) => (e: { target: { value: string } }) =>
    change(key, e.target.value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tags = values.tags
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
    const common = {
      title: values.title,
      amount: numberOrText(values.amount || '0') as number,
      currency: values.currency.trim().toUpperCase(),
      expectedCloseDate: values.expectedCloseDate || null,
      contactId: values.contactId,
      description: values.description,
      tags,
      source: values.source,
      ...(values.probability.trim() !== ''
        ? { probability: numberOrText(values.probability) as number }
        : {}),
    };
    const done = {
      onSuccess: (saved: Deal) => (onSaved ?? onClose)(saved),
      onError: (e: unknown) => show(problemFieldErrors(e, messages)),
    };
    if (deal) {
      const checked = validate(updateDealBody, common, messages);
      if (!checked.ok) return show(checked.errors);
      show({});
      update.mutate({ deal, changes: common }, done);
      return;
    }
    const body = {
      ...common,
      ...(values.stageId ? { stageId: values.stageId } : {}),
      ...(visibility ? { visibility } : {}),
    };
    const checked = validate(createDealBody, body, messages);
    if (!checked.ok) return show(checked.errors);
    show({});
    create.mutate(body, done);
  };

  return (
    <Dialog
      open
      title={deal ? `Edit ${deal.title}` : 'Add deal'}
      onClose={onClose}
      footer={
        <FormButtons
          form="deal-form"
          submit={mutation.isPending ? 'Saving…' : deal ? 'Save deal' : 'Add deal'}
          disabled={mutation.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="deal-form" ref={formRef} className="form" onSubmit={submit} noValidate>
        {mutation.error && Object.keys(errors).length === 0 && (
          <ErrorNotice error={mutation.error} />
        )}
        <div className="form-grid">
          <Field label="Title" required error={errors.title} className="span-2">
            {(p) => <input {...p} value={values.title} onChange={set('title')} autoFocus />}
          </Field>
          <Field label="Amount" error={errors.amount}>
            {(p) => (
              <input {...p} inputMode="decimal" value={values.amount} onChange={set('amount')} />
            )}
          </Field>
          <Field label="Currency" error={errors.currency} hint="ISO code, e.g. USD">
            {(p) => (
              <input {...p} maxLength={3} value={values.currency} onChange={set('currency')} />
            )}
          </Field>
          <Field label="Contact" required error={errors.contactId} className="span-2">
            {(p) => (
              <ContactPicker
                id={p.id}
                value={values.contactId}
                initialLabel={deal?.contactName ?? contact?.name ?? null}
                invalid={p['aria-invalid']}
                describedBy={p['aria-describedby']}
                onChange={(contactId) => change('contactId', contactId)}
              />
            )}
          </Field>
          {!deal && (
            <Field label="Stage" error={errors.stageId}>
              {(p) => (
                <select {...p} value={values.stageId} onChange={set('stageId')}>
                  <option value="">First stage</option>
                  {(stages.data ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({s.probability}%)
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {deal ? (
            <Field
              label="Visibility"
              hint="Raised with “Commit up” on the deal’s page; it never goes back down."
            >
              {(p) => <input {...p} readOnly value={visibilityLabel(deal.visibility).label} />}
            </Field>
          ) : (
            <Field
              label="Visibility"
              error={errors.visibility}
              hint={visibility ? visibilityLabel(visibility).description : undefined}
            >
              {(p) => (
                <select {...p} value={visibility ?? ''} onChange={set('visibility')}>
                  {visibilityOptions
                    .filter((o) => choices.includes(o.value))
                    .map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Probability %" error={errors.probability} hint="Empty: the stage's default">
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={values.probability}
                onChange={set('probability')}
              />
            )}
          </Field>
          <Field label="Expected close" error={errors.expectedCloseDate}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={values.expectedCloseDate}
                onChange={set('expectedCloseDate')}
              />
            )}
          </Field>
          <Field label="Source" error={errors.source}>
            {(p) => <input {...p} value={values.source} onChange={set('source')} />}
          </Field>
          <Field label="Tags" error={errors.tags} hint="Comma-separated" className="span-2">
            {(p) => <input {...p} value={values.tags} onChange={set('tags')} />}
          </Field>
          <Field label="Description" error={errors.description} className="span-2">
            {(p) => (
              <textarea {...p} rows={3} value={values.description} onChange={set('description')} />
            )}
          </Field>
        </div>
      </form>
    </Dialog>
  );
}
