import { CommitUpDialog } from '../../components/CommitUpDialog';
import { useCommitContact, type Contact } from './api';

/** Commit-up of a contact, through the shared confirmation. */
export function CommitContactDialog({
  contact,
  onClose,
}: {
  contact: Contact;
  onClose: () => void;
}) {
  const commit = useCommitContact();
  return (
    <CommitUpDialog
      noun="contact"
      name={`${contact.firstName} ${contact.lastName}`}
      record={contact}
      pending={commit.isPending}
      error={commit.error}
      onCommit={(visibility) => commit.mutate({ contact, visibility }, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
