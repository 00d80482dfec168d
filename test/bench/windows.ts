// Daily caps without a stampede: thousands of sequences whose follow-up falls due at the same
// moment, a minute before the sending window opens, on the real workflow and the real reservation
// activity (slot documents on FerretDB). Sending itself is recorded, not mailed.
// Prints how the reserved send times spread over the days, that no sender-day exceeds its cap and
// no two sends of a sender are closer than the spacing, that no organization-day exceeds the
// organization's cap, and the sends seen in the first minute.
// Run: npx tsx test/bench/windows.ts [sequences=3000] [senders=5] [perDay=100] [spacingSeconds=2] [perOrganizationPerDay=400]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { Client, Connection } from '@temporalio/client';
import { temporalDataConverterFromEnv } from '@follow-ups/config';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { connectDb, disconnectDb, SendSlot } from '@follow-ups/db';
import { startInfrastructure } from '../../deploy/local/infrastructure';
import { createActivities } from '../../services/worker/src/activities';
import { reserveSendTime } from '../../services/worker/src/activities/sendTimes';
import { workflowsPath, type followUpSequence, type SequenceSchedule } from '@follow-ups/workflows';
import { sequenceInput } from '../helpers/sequenceInput';

const [n = 3000, senders = 5, perDay = 100, spacingSeconds = 2, perOrganizationPerDay = 400] = process.argv
  .slice(2)
  .map(Number);
const OBSERVE_MS = 60_000;
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-ups-windows-bench-'));
  const infra = await startInfrastructure({
    stateDir,
    persistent: false,
    env: { ...process.env, TEMPORAL_ADDRESS: '', MONGODB_URI: '' },
  });
  try {
    await connectDb(infra.mongodbUri);
    const connection = await Connection.connect({ address: infra.temporalAddress });
    const dataConverter = temporalDataConverterFromEnv(); // as the services: encrypted when a key is set
    const client = new Client({ connection, dataConverter });
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath,
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never,
    });
    const sends: { at: number }[] = [];
    const reservations: { sender: string; at: number; tookMs: number }[] = [];
    // Database calls while reserving (the only real activity here): mongoose reports each one.
    let databaseCalls = 0;
    mongoose.set('debug', () => void databaseCalls++);
    const real = createActivities({ mailer: null as never, replyDomain: 'bench.test', replyTokenSecret: 'bench' });
    const activities = {
      ...real,
      async sendFollowUp() {
        sends.push({ at: Date.now() });
        return { outcome: 'sent' as const, messageId: '<bench@test>', sentAt: new Date().toISOString() };
      },
      async reserveSendTime(input: Parameters<typeof real.reserveSendTime>[0]) {
        const started = Date.now();
        const result = await reserveSendTime(
          { mailer: null as never, replyDomain: 'bench.test', replyTokenSecret: 'bench' },
          input,
        );
        reservations.push({ sender: input.sender, at: Date.parse(result.sendAt), tookMs: Date.now() - started });
        return result;
      },
      async emitSequenceEvent() {
        return { eventId: 'evt_bench', hookIds: [] };
      },
    };
    const taskQueue = `windows-bench-${randomUUID()}`;
    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address: infra.temporalAddress }),
      taskQueue,
      workflowBundle,
      activities,
      dataConverter,
      maxConcurrentActivityTaskExecutions: 200,
    });

    // Everything falls due at one moment; the window opens about a minute later, on every day, for 8 hours.
    // Starting takes ~30 ms a sequence on a loaded 2-core machine: all are started before they fall due.
    const due = new Date(Math.ceil((Date.now() + 30_000 + n * 35) / 60_000) * 60_000);
    const open = new Date(due.getTime() + 30_000);
    const start = new Date(Math.ceil(open.getTime() / 60_000) * 60_000);
    const end = new Date(start.getTime() + 8 * 3_600_000);
    const schedule: SequenceSchedule = {
      policy: {
        window: { days: [1, 2, 3, 4, 5, 6, 7], start: hhmm(start), end: hhmm(end) < hhmm(start) ? '23:59' : hhmm(end) },
        timeZone: 'UTC',
        businessDays: false,
        holidays: null,
      },
      caps: { perDay, spacingSeconds, ...(perOrganizationPerDay ? { perOrganizationPerDay } : {}) }, // 0: no organization cap
      outOfOffice: { policy: 'ignore', pauseDays: 7 },
    };
    const org = String(new Types.ObjectId());
    console.log(
      `${n} sequences, ${senders} senders, cap ${perDay}/day/sender and ${perOrganizationPerDay}/day for the organization, spacing ${spacingSeconds} s; due ${due.toISOString()}, window opens ${start.toISOString()}`,
    );
    await worker.runUntil(async () => {
      const t0 = Date.now();
      for (let i = 0; i < n; i += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, n - i) }, (_, k) => {
            const j = i + k;
            const input = sequenceInput(
              [{ step: 1, draftId: String(new Types.ObjectId()), responseId: 'r1', sendAt: due.toISOString() }],
              {
                organizationId: org,
                sender: `ae${j % senders}@seller.test`,
                recipient: `p${j}@prospect.test`,
                schedule,
              },
            );
            return client.workflow.start<typeof followUpSequence>('followUpSequence', {
              taskQueue,
              workflowId: `bench-${j}-${randomUUID()}`,
              args: [input],
            });
          }),
        );
      }
      console.log(
        `started ${n} sequences in ${((Date.now() - t0) / 1000).toFixed(1)} s (${Date.now() < due.getTime() ? 'all before' : 'NOT all before'} the due time); waiting for them to fall due`,
      );
      while (reservations.length < n && Date.now() < due.getTime() + 600_000)
        await new Promise((r) => setTimeout(r, 1000));
      const reservedIn = ((Date.now() - due.getTime()) / 1000).toFixed(1);
      console.log(`database calls per reservation: ${(databaseCalls / Math.max(1, reservations.length)).toFixed(2)}`);
      console.log(
        `reserved ${reservations.length}/${n} send times within ${reservedIn} s of the due time (activity p50 ${pct(
          reservations.map((r) => r.tookMs),
          50,
        )} ms, p99 ${pct(
          reservations.map((r) => r.tookMs),
          99,
        )} ms)`,
      );
      while (Date.now() < start.getTime() + OBSERVE_MS) await new Promise((r) => setTimeout(r, 1000));
    });
    report(reservations, sends, start, { perDay, spacingSeconds, perOrganizationPerDay });
    console.log(`slot documents: ${await SendSlot.countDocuments({})}`);
    await connection.close();
  } finally {
    await disconnectDb().catch(() => undefined);
    await infra.stop();
  }
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

type Caps = { perDay: number; spacingSeconds: number; perOrganizationPerDay: number };

function report(
  reservations: { sender: string; at: number }[],
  sends: { at: number }[],
  start: Date,
  { perDay, spacingSeconds, perOrganizationPerDay }: Caps,
) {
  const perSenderDay = new Map<string, number>();
  const bySender = new Map<string, number[]>();
  for (const r of reservations) {
    const key = `${r.sender} ${new Date(r.at).toISOString().slice(0, 10)}`;
    perSenderDay.set(key, (perSenderDay.get(key) ?? 0) + 1);
    bySender.set(r.sender, [...(bySender.get(r.sender) ?? []), r.at]);
  }
  const days = new Map<string, number>();
  for (const r of reservations)
    days.set(new Date(r.at).toISOString().slice(0, 10), (days.get(new Date(r.at).toISOString().slice(0, 10)) ?? 0) + 1);
  console.log('reserved sends per day (all senders):', Object.fromEntries([...days].sort()));
  const maxPerSenderDay = Math.max(...perSenderDay.values());
  const minGap = Math.min(
    ...[...bySender.values()].map((ts) =>
      ts
        .sort((a, b) => a - b)
        .slice(1)
        .reduce((m, t, i) => Math.min(m, t - ts[i]), Infinity),
    ),
  );
  const early = reservations.filter((r) => r.at < start.getTime()).length;
  const distinct = new Set(reservations.map((r) => `${r.sender} ${r.at}`)).size;
  console.log(
    `max per sender-day ${maxPerSenderDay} (cap ${perDay}): ${maxPerSenderDay <= perDay ? 'within the cap' : 'CAP EXCEEDED'}`,
  );
  // One organization: its day is the day of all reservations together.
  const maxPerOrganizationDay = Math.max(...days.values());
  const organizationVerdict = !perOrganizationPerDay
    ? 'no cap set'
    : maxPerOrganizationDay <= perOrganizationPerDay
      ? 'within the cap'
      : 'CAP EXCEEDED';
  console.log(
    `max per organization-day ${maxPerOrganizationDay} (cap ${perOrganizationPerDay || 'none'}): ${organizationVerdict}`,
  );
  console.log(
    `min gap between two sends of a sender ${(minGap / 1000).toFixed(1)} s (spacing ${spacingSeconds} s): ${minGap >= spacingSeconds * 1000 ? 'kept' : 'VIOLATED'}`,
  );
  console.log(`slots shared by two sends: ${reservations.length - distinct}; before the window opened: ${early}`);
  const firstMinute = sends.filter((s) => s.at < start.getTime() + OBSERVE_MS);
  const perSecond = new Map<number, number>();
  for (const s of firstMinute)
    perSecond.set(
      Math.floor((s.at - start.getTime()) / 1000),
      (perSecond.get(Math.floor((s.at - start.getTime()) / 1000)) ?? 0) + 1,
    );
  console.log(
    `sends in the window's first ${OBSERVE_MS / 1000} s: ${firstMinute.length} (expected at most ${Math.ceil(OBSERVE_MS / 1000 / spacingSeconds) * bySender.size}), before the opening: ${sends.filter((s) => s.at < start.getTime()).length}, busiest second: ${Math.max(0, ...perSecond.values())}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
