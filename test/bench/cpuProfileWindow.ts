// Loaded before a service in a bench child: with BENCH_PROFILE_WINDOW_DIR set, each SIGUSR2 starts or stops
// a V8 CPU profile of this process (1 ms sampling), written into that directory: triggerProfile.ts profiles
// just its sends, not the start-up and other phases a whole-process profile (BENCH_CPU_PROFILE_DIR) mixes in.
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector';

const dir = process.env.BENCH_PROFILE_WINDOW_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    running = !running;
    if (running) {
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')),
      );
      return;
    }
    session.post('Profiler.stop', (err, result) => {
      if (err || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `window-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
