// MongoDB commands on the default connection (driver command monitoring), by command, collection and filter keys:
// the benchmark's per-request profile and the tests' per-operation counts.
import mongoose from 'mongoose';

export type Entry = { count: number; ms: number };

/** Starts counting the default connection's commands; `read()` returns the totals so far, `stop()` the final ones, largest first. */
export function profileCommands(): { read: () => Array<[string, Entry]>; stop: () => Array<[string, Entry]> } {
  const client = mongoose.connection.getClient();
  const started = new Map<number, string>();
  const totals = new Map<string, Entry>();
  const onStart = (e: { requestId: number; commandName: string; command: Record<string, unknown> }) => {
    const collection = typeof e.command[e.commandName] === 'string' ? String(e.command[e.commandName]) : '';
    const filter = e.command.filter ?? (e.command.updates as Array<{ q: unknown }> | undefined)?.[0]?.q;
    const keys = filter && typeof filter === 'object' ? Object.keys(filter).join(',') : '';
    started.set(e.requestId, `${e.commandName} ${collection}${keys ? ` {${keys}}` : ''}`);
  };
  const onEnd = (e: { requestId: number; duration: number }) => {
    const key = started.get(e.requestId);
    if (!key) return;
    started.delete(e.requestId);
    const entry = totals.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += e.duration;
    totals.set(key, entry);
  };
  client.on('commandStarted', onStart);
  client.on('commandSucceeded', onEnd);
  client.on('commandFailed', onEnd);
  const read = () =>
    [...totals.entries()].map(([key, e]): [string, Entry] => [key, { ...e }]).sort((a, b) => b[1].ms - a[1].ms);
  return {
    read,
    stop() {
      client.off('commandStarted', onStart);
      client.off('commandSucceeded', onEnd);
      client.off('commandFailed', onEnd);
      return read();
    },
  };
}

/**
 * A total line ("all: 11.0 commands, 312 ms per request"), then the top `n` commands as
 * "find drafts {_id} 2.0×, 60 ms per request (30 ms each)" lines, per `per` requests.
 */
export function formatProfile(entries: Array<[string, Entry]>, per: number, n = 6): string[] {
  const count = entries.reduce((sum, [, e]) => sum + e.count, 0);
  const ms = entries.reduce((sum, [, e]) => sum + e.ms, 0);
  return [
    `all: ${(count / per).toFixed(1)} commands, ${(ms / per).toFixed(0)} ms per request`,
    ...entries
      .slice(0, n)
      .map(
        ([key, e]) =>
          `${key}: ${(e.count / per).toFixed(1)}×, ${(e.ms / per).toFixed(0)} ms per request (${(e.ms / e.count).toFixed(0)} ms each)`,
      ),
  ];
}

/** The commands `operation` sends on the default connection (connected with `monitorCommands`), by key. */
export async function commandsOf(
  operation: () => Promise<unknown>,
): Promise<{ total: number; by: Record<string, number> }> {
  const profile = profileCommands();
  const entries = await operation().then(
    () => profile.stop(),
    (error: unknown) => {
      profile.stop();
      throw error;
    },
  );
  const by = Object.fromEntries(entries.map(([key, e]) => [key, e.count]));
  return { total: entries.reduce((sum, [, e]) => sum + e.count, 0), by };
}
