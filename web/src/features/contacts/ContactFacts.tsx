import type { ReactNode } from 'react';
import { formatDateTime, humanize } from '../../lib/format';
import type { Contact, CustomField } from './api';

const safeUrl = (value: string) => (/^https?:\/\//i.test(value) ? value : null);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

function ExternalLink({ value }: { value: string | null }) {
  if (!value) return null;
  const url = safeUrl(value);
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {value}
    </a>
  ) : (
    <>{value}</>
  );
}

function customText(def: CustomField, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (def.type === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** Every field of a contact, read-only. */
export function ContactFacts({
  contact,
  customFields,
  ownerName,
  customerName,
}: {
  contact: Contact;
  customFields: CustomField[];
  ownerName: string;
  customerName: string | null;
}) {
  const address = [
    contact.street,
    [contact.postalCode, contact.city].filter(Boolean).join(' '),
    contact.state,
    contact.country,
  ]
    .filter(Boolean)
    .join(', ');
  const unknownKeys = Object.keys(contact.customFields).filter(
    (k) => !customFields.some((d) => d.key === k),
  );
  return (
    <>
      <h3 className="facts-heading">Contact</h3>
      <dl className="facts">
        <Fact label="E-mail">
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </Fact>
        <Fact label="Phone">{contact.phone}</Fact>
        <Fact label="Mobile">{contact.mobile}</Fact>
        <Fact label="Company">{contact.company}</Fact>
        <Fact label="Job title">{contact.jobTitle}</Fact>
        <Fact label="Website">{contact.website && <ExternalLink value={contact.website} />}</Fact>
        <Fact label="LinkedIn">
          {contact.linkedin && <ExternalLink value={contact.linkedin} />}
        </Fact>
        <Fact label="Address">{address || null}</Fact>
      </dl>
      <h3 className="facts-heading">Sales</h3>
      <dl className="facts">
        <Fact label="Source">{contact.source}</Fact>
        <Fact label="Owner">{ownerName}</Fact>
        <Fact label="Customer">{customerName}</Fact>
        <Fact label="Created">{formatDateTime(contact.createdAt)}</Fact>
        <Fact label="Updated">{formatDateTime(contact.updatedAt)}</Fact>
        <Fact label="Version">{contact.version}</Fact>
      </dl>
      {(customFields.length > 0 || unknownKeys.length > 0) && (
        <>
          <h3 className="facts-heading">Custom fields</h3>
          <dl className="facts">
            {customFields.map((def) => (
              <Fact key={def.key} label={def.label}>
                {customText(def, contact.customFields[def.key])}
              </Fact>
            ))}
            {unknownKeys.map((key) => (
              <Fact key={key} label={humanize(key)}>
                {String(contact.customFields[key])}
              </Fact>
            ))}
          </dl>
        </>
      )}
      <h3 className="facts-heading">Notes</h3>
      {contact.notes ? (
        <p className="notes">{contact.notes}</p>
      ) : (
        <p className="muted">No notes.</p>
      )}
    </>
  );
}
