import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from './support/tmux.js';

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const tmux = await hasTmux();
if (!tmux) console.warn('tmux is not installed: skipping the pseudo-terminal end-to-end test');

/** The built edgekit in a real pseudo-terminal (tmux), driven by keys like a person would. */
describe.skipIf(!tmux)('edgekit in a real terminal (tmux)', () => {
  let dir: string;
  let session: TmuxSession;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgekit-e2e-'));
    // No MAAS or Juju configured: edgekit starts the simulated demo site in-process.
    session = await TmuxSession.start(`cd '${dir}' && node '${bin}'`, {
      columns: 100,
      rows: 30,
      env: {
        EDGEKIT_CONFIG_DIR: join(dir, 'config'),
        HOME: dir,
        NO_COLOR: '1',
        MAAS_URL: '',
        JUJU_ENDPOINT: '',
      },
    });
  });
  afterAll(async () => {
    await session?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the demo, plans CK HA edge, applies it and shows every unit active', async () => {
    await session.waitFor('SIMULATED demo site');
    await session.waitFor('MAAS 3.7');
    await session.keys('?');
    await session.waitFor('Keys (? or esc to close)');
    await session.keys('Escape');
    await session.keys('4');
    await session.waitFor(/fits: 7 VMs\s+on \d+ hosts/);
    // Several keys in one write (typing fast, a held key): every one is applied, in order.
    await session.keys('Down');
    await session.waitFor(/›kubernetes-worker\s+2 /);
    await session.keys('+++', true);
    await session.waitFor(/›kubernetes-worker\s+5 /);
    await session.keys('---', true);
    await session.waitFor(/›kubernetes-worker\s+2 /);
    await session.waitFor(/fits: 7 VMs\s+on \d+ hosts/);
    await session.keys('Up');
    await session.keys('s');
    await session.waitFor(/saved .*charmed-kubernetes-ha-edge-[0-9a-f]+\.plan\.yaml/);
    await session.keys('5');
    await session.waitFor(/7 machines/);
    await session.keys('a');
    await session.waitFor(/Apply plan [0-9a-f]+ to demo/);
    await session.keys('y');
    await session.waitFor(/applied plan [0-9a-f]+: 7 machines/, 240_000);
    await session.keys('6');
    const screen = await session.waitFor(/model default: \d+ apps, (\d+)\/\1 units active/, 120_000);
    expect(screen).toContain('kubernetes-control-plane');
    // Application rows read as `juju status` shows them: derived from their (all active) units.
    for (const app of ['etcd', 'easyrsa', 'kubernetes-control-plane', 'kubernetes-worker']) {
      expect(screen).toMatch(new RegExp(`^${app}\\s+active\\s`, 'm'));
    }
    expect(screen).not.toMatch(/^\S+\s+waiting\s/m);
    // Their own columns, the channel among them (read from FullStatus: the AllWatcher has none).
    expect(screen).toMatch(/^APP\s+STATUS\s+SCALE\s+CHANNEL\s+REV\s+VERSION\s+MESSAGE/m);
    await session.waitFor(/^kubernetes-worker\s+active\s+\d+\/\d+\s+\d+\.\d+\/stable\s+\d+\s/m);
    await session.keys('q');
    await session.waitFor('[exited 0]');
  }, 420_000);
});
