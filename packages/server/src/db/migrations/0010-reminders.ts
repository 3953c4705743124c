/**
 * Reminders (提醒): users get an optional e-mail address; every reminder a user is sent is a row of its own, keyed
 * so that the same reminder (user, deadline key, reminder kind, due date) exists once however often or by however
 * many servers the run is repeated; each e-mail sent for one is recorded, sent or failed. Forward-only, PostgreSQL 15.
 */
export const statements = [
  `alter table users add column email text`,
  `create table notifications (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id),
    deadline_key text not null,
    source_kind text not null,
    reminder text not null check (reminder in ('approaching', 'missed', 'escalated', 'digest')),
    due_at timestamptz not null,
    title text not null,
    body text not null,
    link text not null,
    created_at timestamptz not null,
    read_at timestamptz,
    unique (user_id, deadline_key, reminder, due_at)
  )`,
  `create index notifications_user on notifications(user_id, created_at desc)`,
  `create index notifications_unread on notifications(user_id) where read_at is null`,
  `create table notification_mails (
    id uuid primary key default gen_random_uuid(),
    notification_id uuid not null references notifications(id),
    address text not null,
    subject text not null,
    status text not null check (status in ('sent', 'failed')),
    error text,
    attempted_at timestamptz not null
  )`,
  `create index notification_mails_notification on notification_mails(notification_id)`,
];
