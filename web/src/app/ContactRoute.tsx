import { Link } from 'wouter';
import { Icon } from '../components/Icon';
import { ActivityTimeline } from '../features/activities/ActivityTimeline';
import { useContact } from '../features/contacts/api';
import { ContactDetail } from '../features/contacts/ContactDetail';
import { contactsListHref } from '../features/contacts/ContactsPage';
import { ContactDeals } from '../features/pipeline/ContactDeals';
import { UseTemplateButton } from '../features/templates/UseTemplateButton';

/** A contact's page: its fields and deals beside its activity timeline (its deals' included). */
export function ContactRoute({ id }: { id: string }) {
  // The timeline waits for the contact, so a contact one may not read shows one error, not two.
  const contact = useContact(id);
  return (
    <div className="contact-page">
      <div className="section-header">
        <Link href={contactsListHref()} className="back-link">
          <Icon name="arrowLeft" size={16} /> All contacts
        </Link>
        {contact.isSuccess && <UseTemplateButton contactId={id} />}
      </div>
      <div className="contact-layout">
        <div className="contact-column">
          <ContactDetail id={id} />
          {contact.data && (
            <ContactDeals
              contact={{ id, name: `${contact.data.firstName} ${contact.data.lastName}` }}
            />
          )}
        </div>
        {contact.isSuccess && <ActivityTimeline owner={{ kind: 'contact', id }} />}
      </div>
    </div>
  );
}
