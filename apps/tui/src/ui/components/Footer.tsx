import { Text } from 'ink';
import { MACHINE_ACTION_VERBS } from '../../site/model.js';
import { keyLabel } from '../keymap.js';
import type { Notice, PendingChange, TextEntry } from '../state.js';
import { Spinner } from './Spinner.js';
import { Toned } from './Toned.js';

interface Props {
  entry: TextEntry | null;
  confirm: PendingChange | null;
  /** Whether r would rehearse the pending change first on a twin. */
  rehearsable: boolean;
  notice: Notice | null;
  working: string | null;
  hints: string;
}

export function describeChange(change: PendingChange): string {
  if (change.kind === 'machine') {
    return `${MACHINE_ACTION_VERBS[change.action]} ${change.hostname} (${change.systemId})?`;
  }
  if (change.kind === 'apply') return `Apply plan ${change.planId} to ${change.site}?`;
  if (change.kind === 'rollback')
    return `Roll back plan ${change.planId} on ${change.site} (removes its VMs)?`;
  if (change.kind === 'upgrade')
    return `Upgrade Kubernetes on ${change.site} to ${change.to} (${change.planId})?`;
  if (change.kind === 'drain')
    return `Drain ${change.host}: move its units to new VMs elsewhere and mark it drained?`;
  if (change.kind === 'undrain') return `Undrain ${change.host} (placement may use it again)?`;
  if (change.kind === 'heal') return 'Heal: restore the units of down machines on new VMs elsewhere?';
  return `Set over-commit on ${change.hostName} to cpu ×${change.ratios.cpu}, memory ×${change.ratios.memory}?`;
}

/** Two fixed lines: the prompt, entry or latest notice; then the keys that matter here. */
export function Footer({ entry, confirm, rehearsable, notice, working, hints }: Props) {
  let first = <Text> </Text>;
  if (confirm) {
    first = (
      <Toned tone="warn" bold wrap="truncate">
        {describeChange(confirm)} {keyLabel('confirm')} yes
        {rehearsable ? ` / ${keyLabel('rehearse')} rehearse first` : ''} / {keyLabel('cancel')} no
      </Toned>
    );
  } else if (entry) {
    const prompt = entry.purpose === 'machineFilter' ? 'filter' : 'ratio';
    first = (
      <Text wrap="truncate">
        {prompt}: {entry.text}
        <Text inverse> </Text>
        <Text dimColor> enter keeps, esc cancels</Text>
      </Text>
    );
  } else if (working) {
    first = (
      <Toned tone="busy" wrap="truncate">
        <Spinner /> {working}
      </Toned>
    );
  } else if (notice) {
    first = (
      <Toned tone={notice.tone} wrap="truncate">
        {notice.text}
      </Toned>
    );
  }
  return (
    <>
      {first}
      <Text dimColor wrap="truncate">
        {hints}
      </Text>
    </>
  );
}
