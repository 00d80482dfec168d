// An out-of-office reply meets the rule's policy: pause until the person is back, ignore, or stop.
import { activities } from './activities';
import { outOfOfficePolicyOf, outOfOfficeResumeInput } from './outOfOfficePolicy';
import { shiftRemaining } from './reschedule';
import { isoNow, note, publishRun, type SequenceRun } from './run';
import type { OutOfOfficeReceived } from '../types';

/** The rule's out-of-office policy: pause until the return date (default), ignore, or stop. */
export async function applyOutOfOffice(run: SequenceRun, reply: OutOfOfficeReceived): Promise<void> {
  const { input, state } = run;
  run.outOfOffice = null;
  const policy = outOfOfficePolicyOf(input);
  const from = reply.from ? ` from ${reply.from}` : '';
  if (policy === 'ignore') {
    note(run, `out-of-office reply${from} ignored`);
  } else if (policy === 'stop') {
    run.closing ??= { status: 'stopped', reason: `stopped: out-of-office reply${from}` };
  } else {
    const resumeInput = outOfOfficeResumeInput(input, state, reply);
    const { resumeAt } = await activities('plan the out-of-office pause').outOfOfficeResume(resumeInput);
    state.status = 'paused';
    state.pausedAt ??= isoNow();
    state.resumeAt = resumeAt;
    state.reason = `out of office${from}${reply.returnDate ? `, back on ${reply.returnDate}` : ''}; resumes ${resumeAt}`;
    note(run, `paused: ${state.reason}`);
  }
  publishRun(run);
}

/** The out-of-office pause is over: the remaining steps move so the first goes at `resumeAt`, spacing kept. */
export async function resumeAfterOutOfOffice(run: SequenceRun): Promise<void> {
  const { state } = run;
  const resumeAt = Date.parse(state.resumeAt!);
  const remaining = state.steps.filter((s) => s.status === 'scheduled');
  const firstDue = Math.min(...remaining.map((s) => Date.parse(s.sendAt)));
  const shiftMs = remaining.length ? Math.max(0, resumeAt - firstDue) : 0;
  if (shiftMs > 0) await shiftRemaining(run, shiftMs, { keepPlanned: true });
  state.status = 'active';
  state.pausedAt = null;
  state.resumeAt = null;
  state.reason = null;
  note(run, `resumed after the out-of-office pause; remaining follow-ups moved by ${Math.round(shiftMs / 1000)} s`);
  publishRun(run);
}
