import * as domain from './index';

describe('@follow-ups/domain entry point', () => {
  it('exports the public functions', () => {
    const names = [
      'htmlToPlainText', 'bodyText', 'messageContent',
      'evaluateCondition', 'evaluateGroup', 'conditionFieldOperators', 'validateConditionGroup',
      'matchingRules', 'shouldRunOutgoingRules',
      'durationMs', 'planFollowUps', 'labelsToAdd', 'formatDuration',
      'personFromAddress', 'renderTemplate', 'validateTemplate', 'replySubject', 'textToHtml',
      'parseAddress', 'parseAddressList', 'normalizeAddress', 'isValidEmail',
      'isAutoReply', 'extractMessageIds', 'replyToken', 'replyAddress', 'parseReplyToken',
      'sequenceWorkflowId', 'normalizeText',
    ];
    for (const name of names) expect(domain).toHaveProperty(name);
    expect(domain.conditionFieldOperators.from).toEqual(['is', 'is_not']);
  });
});
