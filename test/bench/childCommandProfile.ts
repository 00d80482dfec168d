// Loaded before a service (workerEntry.ts, ingestEntry.ts) in a child process of the benchmark: counts
// its MongoDB commands (driver command monitoring) and answers the bench's `bench:commands` message
// (over the IPC channel) with the totals so far, so the bench can count one operation's window.
// Only with BENCH_COUNT_COMMANDS set (the bench sets it for its children), so importing the constant is harmless.
import mongoose from 'mongoose';
import { profileCommands } from '../helpers/commandProfile';

export const COMMANDS_MESSAGE = 'bench:commands';

if (process.env.BENCH_COUNT_COMMANDS && process.send) {
  let profile: ReturnType<typeof profileCommands> | undefined;
  const connect = mongoose.connect.bind(mongoose);
  mongoose.connect = (async (uri: string, options: mongoose.ConnectOptions = {}) => {
    const connected = await connect(uri, { ...options, monitorCommands: true });
    profile = profileCommands();
    return connected;
  }) as typeof mongoose.connect;
  process.on('message', (message: { type?: string; id?: number }) => {
    if (message?.type === COMMANDS_MESSAGE)
      process.send!({ type: COMMANDS_MESSAGE, id: message.id, entries: profile?.read() ?? [] });
  });
}
