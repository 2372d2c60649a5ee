import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Home } from '../src/ui/Home.js';

describe('Home', () => {
  it('renders the product line', () => {
    const { lastFrame, unmount } = render(<Home />);
    expect(lastFrame()).toContain('edgekit');
    expect(lastFrame()).toContain('q quit');
    unmount();
  });
});
