import type { Logger } from './logger';
import { inTransaction, type Transactional, transactionRetries } from './mysql';

/** An error as mysql2 raises it, wrapped by Drizzle (the driver's code on `cause`). */
function driverError(code: string): Error {
  return new Error('Failed query', { cause: Object.assign(new Error(code), { code }) });
}

/** A database whose transactions fail with these errors, in turn, then run the work. */
function failingFirst(...errors: Error[]) {
  const runs: number[] = [];
  const db: Transactional<{ run: number }> = {
    async transaction(work) {
      runs.push(runs.length + 1);
      const error = errors[runs.length - 1];
      if (error) throw error;
      return work({ run: runs.length });
    },
  };
  return { db, runs };
}

const quietLog = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe('inTransaction', () => {
  it('runs the work once when nothing conflicts, and answers what it answers', async () => {
    const { db, runs } = failingFirst();
    const log = quietLog();
    expect(await inTransaction(db, log, async (tx) => `ran as ${tx.run}`, { attempts: 5 })).toBe(
      'ran as 1',
    );
    expect(runs).toEqual([1]);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('runs a transaction InnoDB rolled back for a deadlock again, warning each time', async () => {
    const { db, runs } = failingFirst(
      driverError('ER_LOCK_DEADLOCK'),
      driverError('ER_LOCK_DEADLOCK'),
    );
    const log = quietLog();
    const before = { ...transactionRetries };
    expect(await inTransaction(db, log, async (tx) => tx.run, { attempts: 5 })).toBe(3);
    expect(runs).toEqual([1, 2, 3]);
    expect(transactionRetries).toEqual({ ...before, deadlocks: before.deadlocks + 2 });
    expect(log.warn.mock.calls).toEqual([
      [{ attempt: 1 }, 'write conflict: running the transaction again'],
      [{ attempt: 2 }, 'write conflict: running the transaction again'],
    ]);
  });

  it('gives up after `attempts` runs with the last deadlock', async () => {
    const last = driverError('ER_LOCK_DEADLOCK');
    const { db, runs } = failingFirst(driverError('ER_LOCK_DEADLOCK'), last);
    const before = { ...transactionRetries };
    await expect(inTransaction(db, quietLog(), async () => 'never', { attempts: 2 })).rejects.toBe(
      last,
    );
    expect(runs).toEqual([1, 2]);
    expect(transactionRetries).toEqual({
      ...before,
      deadlocks: before.deadlocks + 1,
      deadlocksGivenUp: before.deadlocksGivenUp + 1,
    });
  });

  it('runs again on a duplicate key only when asked to (retryDuplicates)', async () => {
    const duplicate = driverError('ER_DUP_ENTRY');
    const once = failingFirst(duplicate);
    await expect(inTransaction(once.db, quietLog(), async () => 'x', { attempts: 5 })).rejects.toBe(
      duplicate,
    );
    expect(once.runs).toEqual([1]);

    const retried = failingFirst(driverError('ER_DUP_ENTRY'), driverError('ER_LOCK_DEADLOCK'));
    expect(
      await inTransaction(retried.db, quietLog(), async (tx) => tx.run, {
        attempts: 5,
        retryDuplicates: true,
      }),
    ).toBe(3);
  });

  it('throws any other error at once', async () => {
    const other = new Error('the work refused');
    const { db, runs } = failingFirst(other);
    await expect(inTransaction(db, quietLog(), async () => 'x', { attempts: 5 })).rejects.toBe(
      other,
    );
    expect(runs).toEqual([1]);
  });
});
