// What the outside world can tell a running sequence: a reply, an out-of-office reply, a discarded
// draft (signals); stop, pause, resume (updates, refused once closing); and the state (query).
import { condition, setHandler } from '@temporalio/workflow';
import {
  draftDiscardedSignal,
  outOfOfficeSignal,
  pauseUpdate,
  replyReceivedSignal,
  resumeUpdate,
  stateQuery,
  stopUpdate,
} from '../definitions';
import type { StopRequest } from '../types';
import { shiftRemaining } from './reschedule';
import { assertOpen, isoNow, note, publishRun, type SequenceRun } from './run';

export function handleSignalsAndUpdates(run: SequenceRun): void {
  const { state } = run;
  setHandler(stateQuery, () => state);
  setHandler(replyReceivedSignal, (reply) => {
    run.closing ??= { status: 'replied', reason: `reply received${reply.from ? ` from ${reply.from}` : ''}` };
  });
  setHandler(outOfOfficeSignal, (reply) => {
    run.outOfOffice = reply;
  });
  setHandler(draftDiscardedSignal, ({ draftId, reason }) => {
    const step = state.steps.find((s) => s.draftId === draftId && s.status === 'scheduled');
    if (!step) return;
    step.status = 'discarded';
    step.reason = reason;
    note(run, `follow-up ${step.step} discarded: ${reason}`);
    publishRun(run);
  });
  setHandler(
    stopUpdate,
    async ({ reason }) => {
      run.closing ??= { status: 'stopped', reason: reason ? `stopped: ${reason}` : 'stopped' };
      await condition(() => state.closedAt !== null);
      return state;
    },
    { validator: (_request: StopRequest) => assertOpen(run) },
  );
  setHandler(pauseUpdate, () => pause(run), {
    validator: () => {
      assertOpen(run);
      if (state.status === 'paused') throw new Error('sequence is already paused');
    },
  });
  setHandler(resumeUpdate, () => resume(run), {
    validator: () => {
      assertOpen(run);
      if (state.status !== 'paused') throw new Error('sequence is not paused');
    },
  });
}

function pause(run: SequenceRun) {
  run.state.status = 'paused';
  run.state.pausedAt = isoNow();
  note(run, 'paused');
  publishRun(run);
  return run.state;
}

/** Remaining steps are shifted by the time spent paused, so the spacing the rule asked for is kept. */
async function resume(run: SequenceRun) {
  const { state } = run;
  const pausedMs = Date.now() - Date.parse(state.pausedAt ?? isoNow());
  await shiftRemaining(run, pausedMs, { keepPlanned: false });
  state.status = 'active';
  state.pausedAt = null;
  if (state.resumeAt) state.reason = null; // the out-of-office pause's reason
  state.resumeAt = null;
  note(run, `resumed after ${Math.round(pausedMs / 1000)} s paused; remaining steps shifted`);
  publishRun(run);
  return state;
}
