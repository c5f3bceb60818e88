import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatDate, initials } from '../../lib/format';
import { isOrgAdmin, roleLabels, useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { usePartnerChoices, useUpdateUser, useUsers, type User } from './api';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserFormDialog } from './UserFormDialog';

type Editing =
  | { mode: 'add' }
  | { mode: 'edit'; user: User }
  | { mode: 'toggle'; user: User }
  | { mode: 'reset'; user: User };

/** Nobody resets the owner or themself; only the owner resets an admin (as the API rules). */
const mayReset = (me: { id: string; role: User['role'] }, user: User) =>
  user.role !== 'owner' && user.id !== me.id && (user.role !== 'admin' || me.role === 'owner');

export function UsersPage() {
  useTitle('Users');
  const me = useMe();
  const users = useUsers();
  const partners = usePartnerChoices();
  const update = useUpdateUser();
  const [editing, setEditing] = useState<Editing | null>(null);
  const partnerName = (id: string | null) =>
    id ? (partners.data?.find((p) => p.id === id)?.name ?? '—') : '—';

  return (
    <section className="section" aria-labelledby="users-heading">
      <div className="section-header">
        <div>
          <h2 id="users-heading">Users</h2>
          <p className="muted">Everyone who can sign in to your organization’s portals.</p>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setEditing({ mode: 'add' })}
        >
          <Icon name="plus" size={16} /> Add user
        </button>
      </div>
      <ErrorNotice error={users.error} />
      {users.isPending ? (
        <Spinner />
      ) : (
        <div className="card table-card">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Partner</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((user) => (
                <tr key={user.id}>
                  <td>
                    <div className="person">
                      <span className="avatar avatar-small" aria-hidden="true">
                        {initials(user.name)}
                      </span>
                      <div>
                        <div className="strong">
                          {user.name}
                          {user.id === me.user.id && <span className="muted"> (you)</span>}
                        </div>
                        <div className="muted small">{user.email}</div>
                      </div>
                    </div>
                  </td>
                  <td>
                    <Badge
                      tone={isOrgAdmin(user.role) ? 'indigo' : user.partnerId ? 'teal' : 'blue'}
                    >
                      {roleLabels[user.role]}
                    </Badge>
                  </td>
                  <td>{partnerName(user.partnerId)}</td>
                  <td>
                    <Badge tone={user.active ? 'green' : 'gray'}>
                      {user.active ? 'Active' : 'Deactivated'}
                    </Badge>
                  </td>
                  <td className="muted">{formatDate(user.createdAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setEditing({ mode: 'edit', user })}
                      aria-label={`Edit ${user.name}`}
                    >
                      Edit
                    </button>
                    {mayReset(me.user, user) && (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        onClick={() => setEditing({ mode: 'reset', user })}
                        aria-label={`Reset password for ${user.name}`}
                      >
                        Reset password
                      </button>
                    )}
                    {user.role !== 'owner' && user.id !== me.user.id && (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        onClick={() => setEditing({ mode: 'toggle', user })}
                        aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
                      >
                        {user.active ? 'Deactivate' : 'Reactivate'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.mode === 'add' && (
        <UserFormDialog selfId={me.user.id} onClose={() => setEditing(null)} />
      )}
      {editing?.mode === 'edit' && (
        <UserFormDialog user={editing.user} selfId={me.user.id} onClose={() => setEditing(null)} />
      )}
      {editing?.mode === 'reset' && (
        <ResetPasswordDialog user={editing.user} onClose={() => setEditing(null)} />
      )}
      {editing?.mode === 'toggle' && (
        <ConfirmDialog
          title={editing.user.active ? 'Deactivate user?' : 'Reactivate user?'}
          confirmLabel={editing.user.active ? 'Deactivate' : 'Reactivate'}
          danger={editing.user.active}
          pending={update.isPending}
          error={update.error}
          onClose={() => {
            update.reset();
            setEditing(null);
          }}
          onConfirm={() =>
            update.mutate(
              { user: editing.user, changes: { active: !editing.user.active } },
              { onSuccess: () => setEditing(null) },
            )
          }
        >
          {editing.user.active
            ? `${editing.user.name} will be signed out everywhere and can no longer sign in. Their records stay, readable by org admins, until reassigned.`
            : `${editing.user.name} will be able to sign in again.`}
        </ConfirmDialog>
      )}
    </section>
  );
}
