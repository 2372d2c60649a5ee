import { fixturePath } from '@edgekit/fixtures';

export const maasFixturesDir = (): string => fixturePath('maas');
