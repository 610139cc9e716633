/**
 * The time left on the current move, ticking once a second. The API ends the game by itself when it runs out
 * (endReason TIMEOUT, delivered over onMove), so the page only counts down; it never ends anything.
 */
import { useEffect, useState } from 'react';

/** "4:05", "1:02:03", "2 days 3:04:05". */
export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = hours || days ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
  return days ? `${days} day${days === 1 ? '' : 's'} ${clock}` : clock;
}

export function Countdown({ deadline, who }: { deadline: string; who: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(deadline) - now;
  return (
    <p className={`countdown ${left < 30_000 ? 'short' : ''}`} role="timer" data-testid="countdown" data-deadline={deadline}>
      {left > 0 ? `${who} left for this move: ${formatLeft(left)}` : 'Time is up for this move: the game ends in a moment.'}
    </p>
  );
}

/** The choices of time per move offered when creating a game (seconds; '' is no limit). */
export const turnTimes: Array<[seconds: string, label: string]> = [
  ['', 'no limit'],
  ['60', '1 minute'],
  ['300', '5 minutes'],
  ['3600', '1 hour'],
  ['86400', '1 day'],
];
