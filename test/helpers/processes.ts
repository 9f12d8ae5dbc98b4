/**
 * Finds the processes a test started, however deep (workers of a CLI the test spawned included),
 * by a variable in their environment: children inherit it, and a worker orphaned by a killed parent
 * keeps it. Linux only: reads /proc.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** The variable; nothing reads it, it only marks the processes a test started. */
export const TAG_VARIABLE = 'DEAD_NEURONS_TEST_TAG';

/** A fresh tag value to put in a child's environment. */
export const newTag = () => randomUUID();

/** Live processes (this one aside) whose environment carries `tag`; zombies have none. */
export function processesTagged(tag: string): number[] {
  const entry = `${TAG_VARIABLE}=${tag}`;
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry)) found.push(pid);
    } catch {
      // Gone since the listing, or not ours to read.
    }
  }
  return found;
}

/** Polls until no tagged process is left or `withinMs` passes; returns those still alive. */
export async function tagGone(tag: string, withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  let alive = processesTagged(tag);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    alive = processesTagged(tag);
  }
  return alive;
}
