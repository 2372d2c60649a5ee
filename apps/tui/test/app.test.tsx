import { describe, expect, it } from 'vitest';
import { AppContainer } from '../src/ui/AppContainer.js';
import { KEYS, renderUi } from './support/render.js';

const never = () => new Promise<never>(() => {});

describe('AppContainer without a site yet', () => {
  it('renders at once while the site opens, switches screens, shows help', async () => {
    const app = renderUi(<AppContainer connect={never} size={{ columns: 80, rows: 24 }} />);
    await app.waitFor('opening the site');
    expect(app.screen()).toMatch(/ 1 Site .* 6 Juju/);
    await app.press(KEYS.tab, (f) => f.includes('2 Machines') && f.includes('opening the site'));
    await app.press('?', 'Keys (? or esc to close)');
    expect(app.screen()).toContain('On Machines');
    expect(app.screen()).toContain('deploy the machine');
    await app.press(KEYS.escape, (f) => !f.includes('Keys ('));
    await app.press('6', /6 Juju/);
    for (const line of app.screen().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(app.screen().split('\n').length).toBeLessThan(24);
    app.unmount();
  });

  it('reports a site that cannot be opened', async () => {
    const failures: string[] = [];
    const app = renderUi(
      <AppContainer
        connect={() => Promise.reject(new Error('MAAS at http://127.0.0.1:9/MAAS/ refused the connection'))}
        onFatal={(message) => failures.push(message)}
      />,
    );
    await app.waitFor('Could not open the site: MAAS at http://127.0.0.1:9/MAAS/ refused');
    expect(failures).toEqual(['MAAS at http://127.0.0.1:9/MAAS/ refused the connection']);
    app.unmount();
  });
});
