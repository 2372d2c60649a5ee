import { fixturePath } from '@edgekit/fixtures';

export const jujuFixture = (...parts: string[]): string => fixturePath('juju', ...parts);
