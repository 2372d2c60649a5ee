import packageJson from '../package.json' with { type: 'json' };

export const EDGEKIT_VERSION: string = packageJson.version;
