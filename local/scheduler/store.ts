/** The stand-in's schedules, kept in a JSON file under the data directory (or in memory) so a restart keeps pending deadlines. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../description/write-atomic.js';

export interface StoredSchedule {
  name: string;
  groupName: string;
  arn: string;
  expression: string;
  /** When it fires (epoch ms). */
  at: number;
  target: { arn: string; roleArn: string; input?: string };
  actionAfterCompletion: 'NONE' | 'DELETE';
  state: 'ENABLED' | 'DISABLED';
  /** Set once it has fired (kept only with actionAfterCompletion NONE). */
  firedAt?: number;
  createdAt: number;
}

export function openScheduleStore(dataDir: string | null) {
  const file = dataDir ? join(dataDir, 'schedules.json') : null;
  const schedules = new Map<string, StoredSchedule>();
  if (file) {
    mkdirSync(dataDir!, { recursive: true });
    try {
      for (const schedule of JSON.parse(readFileSync(file, 'utf8')) as StoredSchedule[]) schedules.set(`${schedule.groupName}/${schedule.name}`, schedule);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const save = () => {
    if (!file) return;
    writeFileAtomic(file, JSON.stringify([...schedules.values()], null, 2));
  };
  return {
    get: (group: string, name: string) => schedules.get(`${group}/${name}`),
    put(schedule: StoredSchedule) {
      schedules.set(`${schedule.groupName}/${schedule.name}`, schedule);
      save();
    },
    delete(group: string, name: string): boolean {
      const deleted = schedules.delete(`${group}/${name}`);
      if (deleted) save();
      return deleted;
    },
    all: () => [...schedules.values()],
  };
}
