import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db } from '../../../electron/emulator/store/db';

describe('Db.commitDurably (group commit)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emu-db-group-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('journals each request’s change in order, in its own line, and settles once it is on disk', async () => {
    const db = Db.open(dir);
    const recs = db.collection<{ n: number }>('recs');
    // Twenty requests answered in the same moment, each changing the same record.
    const commits: Promise<void>[] = [];
    for (let n = 0; n < 20; n++) {
      recs.put('shared', { n });
      recs.put(`own-${n}`, { n });
      commits.push(db.commitDurably());
    }
    await Promise.all(commits);
    const lines = readFileSync(join(dir, 'state.journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(20);
    // A kill now (no close): what was acknowledged is what a new start reads, the last change winning.
    const reopened = Db.open(dir);
    expect(reopened.collection<{ n: number }>('recs').get('shared')).toEqual({ n: 19 });
    expect(reopened.collection<{ n: number }>('recs').size).toBe(21);
    reopened.close();
    db.close();
  });

  it('settles at once with nothing to write, and after close', async () => {
    const db = Db.open(dir);
    await db.commitDurably();
    db.collection<{ n: number }>('recs').put('a', { n: 1 });
    const pending = db.commitDurably();
    db.close();
    await pending;
    expect(Db.open(dir).collection<{ n: number }>('recs').get('a')).toEqual({ n: 1 });
  });
});
