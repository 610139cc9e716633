/** EventBridge Scheduler's one-time expression: `at(yyyy-mm-ddThh:mm:ss)`, in ScheduleExpressionTimezone (UTC here). */
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

/** Epoch milliseconds of an `at(...)` expression, or null when it is not one (rate() and cron() are not supported locally). */
export function parseAt(expression: string): number | null {
  const match = AT.exec(expression);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; Scheduler refuses such a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}
