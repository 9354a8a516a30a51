import { DeliveryCountMemo } from './delivery-count-memo';

describe('DeliveryCountMemo', () => {
  it('keys totals by workspace, generation, statement and parameters', () => {
    const memo = new DeliveryCountMemo();
    const key = DeliveryCountMemo.key('w1', '7', 'SELECT …', ['w1', 'type', 'en']);
    memo.set(key, 5000);
    expect(memo.get(key)).toBe(5000);
    expect(memo.get(DeliveryCountMemo.key('w1', '8', 'SELECT …', ['w1', 'type', 'en']))).toBeUndefined();
    expect(memo.get(DeliveryCountMemo.key('w2', '7', 'SELECT …', ['w2', 'type', 'en']))).toBeUndefined();
    expect(memo.get(DeliveryCountMemo.key('w1', '7', 'SELECT …', ['w1', 'type', 'de']))).toBeUndefined();
  });

  it('evicts the least recently used total past its capacity', () => {
    const memo = new DeliveryCountMemo();
    const keyOf = (i: number): string => DeliveryCountMemo.key('w', '1', 's', [i]);
    for (let i = 0; i < 10_000; i++) memo.set(keyOf(i), i);
    expect(memo.get(keyOf(0))).toBe(0); // touched: now the most recent
    memo.set(keyOf(10_000), 10_000);
    expect(memo.get(keyOf(0))).toBe(0);
    expect(memo.get(keyOf(1))).toBeUndefined();
  });
});
