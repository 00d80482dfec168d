import { sequenceWorkflowId } from './workflowIds';

describe('sequenceWorkflowId', () => {
  it('derives one id per organization and conversation', () => {
    expect(sequenceWorkflowId('org1', 'conv9')).toBe('followups-org1-conv9');
    expect(sequenceWorkflowId('org2', 'conv9')).not.toBe(sequenceWorkflowId('org1', 'conv9'));
  });
});
