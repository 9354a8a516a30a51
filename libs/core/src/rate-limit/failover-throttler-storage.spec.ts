import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { FailoverThrottlerStorage } from './failover-throttler-storage';

type Record_ = Awaited<ReturnType<ThrottlerStorage['increment']>>;
const record = (totalHits: number): Record_ => ({
  totalHits,
  timeToExpire: 60,
  isBlocked: false,
  timeToBlockExpire: 0,
});

describe(FailoverThrottlerStorage.name, () => {
  let errors: jest.SpyInstance;
  let logs: jest.SpyInstance;
  let sharedUp = true;
  const shared = {
    increment: jest.fn(async () => {
      if (!sharedUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      return record(1);
    }),
    onModuleInit: jest.fn(async () => undefined),
    onApplicationShutdown: jest.fn(async () => undefined),
  };
  const local = {
    increment: jest.fn(async () => record(7)),
    onApplicationShutdown: jest.fn(),
  };

  beforeEach(() => {
    jest.clearAllMocks();
    sharedUp = true;
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts in the shared storage while it answers', async () => {
    const sut = new FailoverThrottlerStorage(shared, local);
    expect(await sut.increment('k', 60000, 3, 60000, 'quire')).toEqual(record(1));
    expect(shared.increment).toHaveBeenCalledWith('k', 60000, 3, 60000, 'quire');
    expect(local.increment).not.toHaveBeenCalled();
  });

  it('counts in memory while the shared storage fails, logging the outage once and its end once', async () => {
    const sut = new FailoverThrottlerStorage(shared, local);
    sharedUp = false;
    expect(await sut.increment('k', 60000, 3, 60000, 'quire')).toEqual(record(7));
    expect(await sut.increment('k', 60000, 3, 60000, 'quire')).toEqual(record(7));
    expect(local.increment).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0][0]).toMatch(
      /Redis\) failed \(connect ECONNREFUSED .*\): counting in this instance's memory/,
    );

    sharedUp = true;
    expect(await sut.increment('k', 60000, 3, 60000, 'quire')).toEqual(record(1));
    await sut.increment('k', 60000, 3, 60000, 'quire');
    expect(logs).toHaveBeenCalledTimes(1);
    expect(logs.mock.calls[0][0]).toMatch(/answers again/);
  });

  it('passes the lifecycle on to both storages', async () => {
    const sut = new FailoverThrottlerStorage(shared, local);
    await sut.onModuleInit();
    await sut.onApplicationShutdown();
    expect(shared.onModuleInit).toHaveBeenCalled();
    expect(shared.onApplicationShutdown).toHaveBeenCalled();
    expect(local.onApplicationShutdown).toHaveBeenCalled();
  });
});
