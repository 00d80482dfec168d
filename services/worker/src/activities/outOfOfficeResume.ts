// When a sequence paused by an out-of-office reply resumes; recorded by Temporal as the activity's result.
import { Contact, contactId, Organization, settingsOf, User } from '@follow-ups/db';
import { outOfOfficeResumeAt, outOfOfficeResumeWithoutWindow, planClock, resolveTimeZone } from '@follow-ups/domain';
import type { OutOfOfficeResumeInput } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';

export async function outOfOfficeResume(
  deps: Pick<ActivityDeps, 'delayDivisor'>,
  input: OutOfOfficeResumeInput,
): Promise<{ resumeAt: string }> {
  const receivedAt = new Date(input.reply.receivedAt);
  const { returnDate } = input.reply;
  if (input.schedule) {
    const { policy, outOfOffice } = input.schedule;
    return { resumeAt: outOfOfficeResumeAt({ policy, outOfOffice, returnDate, receivedAt }).toISOString() };
  }
  // Without a window no zone was resolved at the start: read now, out-of-office replies are rare.
  const [contact, user, org] = await Promise.all([
    Contact.findById(contactId(input.organizationId, input.recipient), { timeZone: 1 }).lean(),
    User.findOne({ organization: input.organizationId, email: input.sender.toLowerCase() }, { time_zone: 1 }).lean(),
    Organization.findById(input.organizationId, { settings: 1 }).lean(),
  ]);
  const timeZone = resolveTimeZone({
    recipient: contact?.timeZone,
    sender: user?.time_zone,
    organization: settingsOf(org).timeZone,
  });
  const resumeAt = outOfOfficeResumeWithoutWindow({
    outOfOffice: input.outOfOffice,
    returnDate,
    receivedAt,
    plannedAt: input.plannedAt ? new Date(input.plannedAt) : null,
    timeZone,
  });
  // A compressed plan (demos, tests) compresses its pause like its delays; windows are off then.
  return { resumeAt: planClock(deps.delayDivisor).compress(receivedAt, resumeAt).toISOString() };
}
