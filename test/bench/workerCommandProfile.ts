// Loaded before the worker service by workerEntry.ts: counts its MongoDB commands
// (driver command monitoring) and writes the totals to BENCH_PROFILE_FILE when the process exits.
import fs from 'node:fs';
import mongoose from 'mongoose';
import { profileCommands } from '../helpers/commandProfile';

const file = process.env.BENCH_PROFILE_FILE;
if (file) {
  const connect = mongoose.connect.bind(mongoose);
  mongoose.connect = (async (uri: string, options: mongoose.ConnectOptions = {}) => {
    const connected = await connect(uri, { ...options, monitorCommands: true });
    const profile = profileCommands();
    process.once('exit', () => fs.writeFileSync(file, JSON.stringify(profile.stop())));
    return connected;
  }) as typeof mongoose.connect;
}
