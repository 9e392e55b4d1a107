export interface PowerMonitorLike {
  on(event: 'resume' | 'suspend' | 'unlock-screen', listener: () => void): unknown;
}

/**
 * After sleep the socket is dead but the SDK only notices on its next heartbeat or backoff, which
 * can take a minute: tell the renderer at once so it can check its connection.
 */
export function installPowerEvents(powerMonitor: PowerMonitorLike, onResume: () => void, log: (line: string) => void = () => {}): void {
  powerMonitor.on('suspend', () => log('power: suspend'));
  powerMonitor.on('resume', () => {
    log('power: resume');
    onResume();
  });
}
