/** Ubuntu series and base channels, for the places Juju still speaks series (charm URLs, MAAS distro_series). */
const SERIES_BY_CHANNEL: Record<string, string> = { '24.04': 'noble', '22.04': 'jammy', '20.04': 'focal' };

/** `24.04` (or `24.04/stable`) -> `noble`; unknown channels pass through. */
export function seriesOf(channel: string): string {
  const plain = channel.replace(/\/.*$/, '');
  return SERIES_BY_CHANNEL[plain] ?? plain;
}

/** `noble` -> `ubuntu@24.04`, as bundlechanges writes bases. */
export function baseOfSeries(series: string): string {
  const channel = Object.entries(SERIES_BY_CHANNEL).find(([, name]) => name === series)?.[0];
  return `ubuntu@${channel ?? series}`;
}
