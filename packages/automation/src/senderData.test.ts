import { senderData } from './senderData';

describe('senderData', () => {
  const from = { address: 'Alex@Acme.test', name: 'Alex From-Field' };

  it("takes the record's fields first, then its name's parts, then the from_field", () => {
    expect(
      senderData(
        { email: 'alex@acme.test', name: 'Alexandra Martin', first_name: 'Alex', signature: '<p>A</p>' },
        from,
      ),
    ).toEqual({
      email: 'alex@acme.test',
      name: 'Alexandra Martin',
      first_name: 'Alex',
      last_name: 'Martin',
      signature: '<p>A</p>',
    });
    expect(senderData({ email: 'alex@acme.test', last_name: null }, from)).toEqual({
      email: 'alex@acme.test',
      name: 'Alex From-Field',
      first_name: 'Alex',
      last_name: 'From-Field',
    });
  });

  it('uses the from_field alone without a record, and drops a blank signature', () => {
    expect(senderData(null, { address: 'sam@acme.test' })).toEqual({ email: 'sam@acme.test' });
    expect(senderData({ email: 'sam@acme.test', signature: '  ' }, { address: 'sam@acme.test', name: 'Sam' })).toEqual({
      email: 'sam@acme.test',
      name: 'Sam',
      first_name: 'Sam',
    });
  });
});
