import { Controller, Get, Module } from '@nestjs/common';
import { definePlugin, drainAndClose, Public } from '@quire/core';
import { createTestApp } from '@quire/testing';

let releaseSlowRequest: () => void = () => undefined;
let markReached: () => void = () => undefined;
const reached = new Promise<void>((resolve) => (markReached = resolve));

@Controller('slow')
class SlowController {
  @Get()
  @Public()
  async slow(): Promise<{ done: true }> {
    const released = new Promise<void>((resolve) => (releaseSlowRequest = resolve));
    markReached();
    await released;
    return { done: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

const SlowPlugin = definePlugin({ name: 'slow-test', version: '1.0.0', module: SlowModule });

describe(drainAndClose.name, () => {
  it('lets an in-flight request finish, refuses new connections, then closes', async () => {
    const sut = await createTestApp({ plugins: [SlowPlugin] });
    const inFlight = fetch(`${sut.url}/api/v1/slow`);
    await reached;
    const closing = drainAndClose(sut.app, 10_000);
    await expect(fetch(`${sut.url}/health/live`)).rejects.toThrow();
    releaseSlowRequest();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    await sut.database.drop();
  });
});
