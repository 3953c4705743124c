/** Strings of the reminders (提醒): the bell in the top bar and its list. */
export const zh = {
  "reminders.bell": "提醒",
  "reminders.bellCount": "{count} 条未读提醒",
  "reminders.title": "我的提醒",
  "reminders.markAll": "全部标为已读",
  "reminders.none": "暂无提醒",
  "reminders.due": "截止 {date}",
  "reminders.kind.approaching": "即将到期",
  "reminders.kind.missed": "已逾期",
  "reminders.kind.escalated": "逾期督办",
  "reminders.kind.digest": "每日提醒",
  "reminders.more": "仅显示最近 {shown} 条，共 {total} 条",
};

export const en: Record<keyof typeof zh, string> = {
  "reminders.bell": "Reminders",
  "reminders.bellCount": "{count} unread reminders",
  "reminders.title": "My reminders",
  "reminders.markAll": "Mark all read",
  "reminders.none": "No reminders",
  "reminders.due": "Due {date}",
  "reminders.kind.approaching": "Due soon",
  "reminders.kind.missed": "Overdue",
  "reminders.kind.escalated": "Escalated",
  "reminders.kind.digest": "Daily digest",
  "reminders.more": "The latest {shown} of {total}",
};
